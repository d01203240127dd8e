package io.customerinsight.testing;

import io.customerinsight.broker.EmbeddedKafka;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The broker behind integration tests: by default the in-JVM KRaft broker; with
 * {@code -Dinsight.it.backend=testcontainers} a Testcontainers Kafka where a Docker engine is available
 * (image from {@code -Dinsight.it.kafka.image}), falling back to the embedded broker where it is not.
 */
public final class KafkaBackend implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(KafkaBackend.class);

    private final String bootstrapServers;
    private final AutoCloseable resource;

    private KafkaBackend(String bootstrapServers, AutoCloseable resource) {
        this.bootstrapServers = bootstrapServers;
        this.resource = resource;
    }

    public static KafkaBackend start() {
        if ("testcontainers".equals(System.getProperty("insight.it.backend"))) {
            if (DockerClientFactory.instance().isDockerAvailable()) {
                KafkaContainer kafka = new KafkaContainer(System.getProperty("insight.it.kafka.image", "apache/kafka:4.1.0"));
                kafka.start();
                return new KafkaBackend(kafka.getBootstrapServers(), kafka::stop);
            }
            log.warn("insight.it.backend=testcontainers but no Docker engine is available: using the embedded broker");
        }
        EmbeddedKafka kafka = EmbeddedKafka.start();
        return new KafkaBackend(kafka.bootstrapServers(), kafka);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public void close() throws Exception {
        resource.close();
    }
}
