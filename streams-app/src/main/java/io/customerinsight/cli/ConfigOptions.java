package io.customerinsight.cli;

import io.customerinsight.config.AppConfig;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The configuration flags shared by commands that talk to a cluster. Flags beat the environment, which beats the file. */
public final class ConfigOptions {
    @Option(names = "--config", description = "properties file with Kafka and insight.* settings")
    Path configFile;

    @Option(names = "--bootstrap-servers", description = "Kafka bootstrap servers (env KAFKA_BOOTSTRAP_SERVERS)")
    String bootstrapServers;

    @Option(names = "--application-id", description = "Kafka Streams application id (default customer-insight)")
    String applicationId;

    @Option(names = "--state-dir", description = "directory for local state (RocksDB)")
    String stateDir;

    @Option(names = "--models-dir", description = "model directory (default: the models bundled in the jar)")
    String modelsDir;

    @Option(names = {"-s", "--set"}, description = "any setting, key=value (Kafka client, Streams or insight.*)")
    Map<String, String> settings = new LinkedHashMap<>();

    public AppConfig resolve() {
        Map<String, String> flags = new LinkedHashMap<>(settings);
        if (bootstrapServers != null) {
            flags.put("bootstrap.servers", bootstrapServers);
        }
        if (applicationId != null) {
            flags.put("application.id", applicationId);
        }
        if (stateDir != null) {
            flags.put("state.dir", stateDir);
        }
        if (modelsDir != null) {
            flags.put("insight.models.dir", modelsDir);
        }
        AppConfig config = AppConfig.resolve(configFile, System.getenv(), flags);
        if (config.get("bootstrap.servers") == null) {
            throw new IllegalArgumentException("no Kafka cluster given: use --bootstrap-servers, "
                    + "KAFKA_BOOTSTRAP_SERVERS or bootstrap.servers in the --config file");
        }
        return config;
    }
}
