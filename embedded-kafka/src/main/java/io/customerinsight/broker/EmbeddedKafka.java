package io.customerinsight.broker;

import kafka.server.KafkaConfig;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * A real single-node Apache Kafka broker in KRaft mode (combined broker and controller), started in this
 * JVM from Kafka's own server classes. Used by {@code demo}, {@code bench} and the integration tests, since
 * no container engine is assumed. Listens on loopback only.
 */
public final class EmbeddedKafka implements AutoCloseable {
    private final Path logDir;
    private final int port;
    /** the port of the listener whose clients are {@link ListenerPrincipalBuilder#APP}, or 0 */
    private final int appPort;
    private final KafkaRaftServer server;

    private EmbeddedKafka(Path logDir, int port, int appPort, KafkaRaftServer server) {
        this.logDir = logDir;
        this.port = port;
        this.appPort = appPort;
        this.server = server;
    }

    public static EmbeddedKafka start() {
        return start(false);
    }

    /**
     * A broker that authorizes every request by ACLs (Kafka's {@code StandardAuthorizer}, nothing allowed
     * without one): clients of {@link #bootstrapServers()} are {@code User:admin}, a super user; clients of
     * {@link #appBootstrapServers()} are {@code User:insight}, allowed only what ACLs grant.
     */
    public static EmbeddedKafka startWithAcls() {
        return start(true);
    }

    private static EmbeddedKafka start(boolean acls) {
        try {
            Path dir = Files.createTempDirectory("insight-kafka-");
            int port = freePort();
            int controllerPort = freePort();
            int appPort = acls ? freePort() : 0;
            Properties props = new Properties();
            props.put("process.roles", "broker,controller");
            props.put("node.id", "1");
            props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
            props.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
            props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
            props.put("controller.listener.names", "CONTROLLER");
            props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
            props.put("inter.broker.listener.name", "PLAINTEXT");
            props.put("log.dirs", dir.resolve("data").toString());
            props.put("num.partitions", "1");
            props.put("auto.create.topics.enable", "false");
            props.put("offsets.topic.replication.factor", "1");
            props.put("offsets.topic.num.partitions", "1");
            props.put("transaction.state.log.replication.factor", "1");
            props.put("transaction.state.log.min.isr", "1");
            props.put("transaction.state.log.num.partitions", "1");
            props.put("group.initial.rebalance.delay.ms", "0");
            props.put("share.coordinator.state.topic.replication.factor", "1");
            props.put("share.coordinator.state.topic.min.isr", "1");
            props.put("log.flush.interval.messages", Long.toString(Long.MAX_VALUE));
            if (acls) {
                String app = ListenerPrincipalBuilder.APP_LISTENER;
                props.put("listeners", props.get("listeners") + "," + app + "://127.0.0.1:" + appPort);
                props.put("advertised.listeners", props.get("advertised.listeners") + "," + app + "://127.0.0.1:"
                        + appPort);
                props.put("listener.security.protocol.map", props.get("listener.security.protocol.map") + ","
                        + app + ":PLAINTEXT");
                props.put("principal.builder.class", ListenerPrincipalBuilder.class.getName());
                props.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
                props.put("super.users", ListenerPrincipalBuilder.ADMIN.toString());
                props.put("allow.everyone.if.no.acl.found", "false");
            }
            Path config = dir.resolve("server.properties");
            try (var out = Files.newBufferedWriter(config)) {
                props.store(out, "embedded broker");
            }
            ByteArrayOutputStream formatOutput = new ByteArrayOutputStream();
            int rc = StorageTool.execute(new String[] {"format", "-t", Uuid.randomUuid().toString(), "-c",
                    config.toString()}, new PrintStream(formatOutput, true, StandardCharsets.UTF_8));
            if (rc != 0) {
                throw new IllegalStateException("formatting the KRaft log dir failed: "
                        + formatOutput.toString(StandardCharsets.UTF_8));
            }
            KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
            server.startup();
            return new EmbeddedKafka(dir, port, appPort, server);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded broker", e);
        }
    }

    /**
     * Demo and bench publish simulated history weeks old; the declared time-based retention (7 days on
     * clickstream) would delete it from under the pipeline at the broker's first retention check, 30 s after
     * start. On this throw-away broker, the given topics keep everything.
     */
    public void keepHistory(String... topics) {
        keepHistoryOn(bootstrapServers(), topics);
    }

    /** The same for any throw-away cluster (test brokers). */
    public static void keepHistoryOn(String bootstrapServers, String... topics) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            Map<ConfigResource, Collection<AlterConfigOp>> ops = new HashMap<>();
            for (String topic : topics) {
                ops.put(new ConfigResource(ConfigResource.Type.TOPIC, topic),
                        List.of(new AlterConfigOp(new ConfigEntry("retention.ms", "-1"), AlterConfigOp.OpType.SET)));
            }
            admin.incrementalAlterConfigs(ops).all().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("cannot lift retention on " + List.of(topics), e.getCause());
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** The listener of {@code User:insight} on a broker started {@link #startWithAcls()}. */
    public String appBootstrapServers() {
        if (appPort == 0) {
            throw new IllegalStateException("this broker has no listener for the app's principal");
        }
        return "127.0.0.1:" + appPort;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
        try (Stream<Path> files = Files.walk(logDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp dir left behind is harmless
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
