package io.customerinsight.kafka;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.customerinsight.config.TopicRole;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** One topic of {@code topics/topics.yaml}; its name is set from the configuration by role ({@link #withName}). */
public record TopicSpec(String role, String name, int partitions, short replicationFactor, Map<String, String> configs) {

    public record File(List<TopicSpec> topics) {
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    /** Reads the file, or the copy bundled in the jar when {@code path} is null. */
    public static List<TopicSpec> load(Path path) {
        try (InputStream in = path == null ? TopicSpec.class.getResourceAsStream("/topics/topics.yaml")
                : Files.newInputStream(path)) {
            if (in == null) {
                throw new IllegalStateException("topics/topics.yaml is not bundled in the jar");
            }
            List<TopicSpec> specs = YAML.readValue(in, File.class).topics();
            return specs.stream().map(s -> s.withName(TopicRole.ofRole(s.role()).defaultName())).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read topic descriptions from " + (path == null ? "the jar" : path), e);
        }
    }

    public TopicSpec withName(String newName) {
        return new TopicSpec(role, newName, partitions, replicationFactor, configs);
    }
}
