package io.customerinsight.integration;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.customerinsight.app.InsightApplication;
import io.customerinsight.cli.TopicsCommand;
import io.customerinsight.config.AppConfig;
import io.customerinsight.events.EventSerdes;
import io.customerinsight.kafka.TopicSpec;
import io.customerinsight.profiles.CustomerProfile;
import io.customerinsight.testing.BundledModels;
import io.customerinsight.testing.CommittedRecords;
import io.customerinsight.testing.IntegrationConfig;
import io.customerinsight.testing.KafkaBackend;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.customerinsight.testing.Events.HOUR;
import static io.customerinsight.testing.Events.MINUTE;
import static io.customerinsight.testing.Events.T0;
import static io.customerinsight.testing.Events.click;
import static io.customerinsight.testing.Waiting.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hot reload on the in-JVM broker: the churn card in the model directory is replaced while events stream in.
 * No record is lost, no customer gets two profiles for one scoring, each customer's profiles carry the old
 * version and then the new one (never back), and the metrics show what runs.
 */
@Timeout(300)
class ModelReloadIT {
    private static final int CUSTOMERS = 60;
    private static final int CLICKS = 4;
    private static final String NEW_VERSION = "1.0.0-reloaded";

    @Test
    void aModelReplacedDuringALiveStreamIsUsedFromTheNextBatchWithoutLosingOrDoublingOutputs() throws Exception {
        Path models = BundledModels.copyTo(Files.createTempDirectory("insight-models"));
        try (KafkaBackend kafka = KafkaBackend.start()) {
            AppConfig config = IntegrationConfig.of(kafka.bootstrapServers(), "insight-reload-it",
                    "insight.models.dir", models.toString(),
                    "insight.models.reload.interval", "200ms");
            TopicsCommand.apply(config, TopicSpec.load(null));
            try (InsightApplication app = InsightApplication.create(config);
                 KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                         ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                         new StringSerializer(), new StringSerializer())) {
                app.start();
                assertThat(app.awaitRunning(Duration.ofSeconds(90))).isTrue();
                String before = app.models().churn().version();

                long sent = produce(producer, T0);
                waitFor("the first events consumed", () -> consumed(app) >= sent);
                // profiles go out at commits, the latest per customer: the first ones are out before the reload
                waitFor("every customer's first profile committed", () -> CommittedRecords.readAll(
                        kafka.bootstrapServers(), "customer-profiles").stream()
                        .map(r -> new String(r.key(), java.nio.charset.StandardCharsets.UTF_8))
                        .distinct().count() == CUSTOMERS);

                // replaced while the next events stream in
                ObjectNode card = (ObjectNode) EventSerdes.JSON.readTree(models.resolve("churn/card.json").toFile());
                card.put("version", NEW_VERSION);
                Files.write(models.resolve("churn/card.json"), EventSerdes.JSON.writeValueAsBytes(card));
                long during = sent + produce(producer, T0 + 2 * HOUR);
                waitFor("the new model installed", () -> app.models().churn().version().equals(NEW_VERSION));
                long total = during + produce(producer, T0 + 4 * HOUR);
                waitFor("every event consumed", () -> consumed(app) >= total);

                Map<String, List<String>> versions = new HashMap<>();
                Set<String> scorings = new HashSet<>();
                Deserializer<CustomerProfile> profiles = EventSerdes.json(CustomerProfile.class).deserializer();
                waitFor("the last events' profiles, by the new model", () -> {
                    versions.clear();
                    scorings.clear();
                    for (ConsumerRecord<byte[], byte[]> r : CommittedRecords.readAll(kafka.bootstrapServers(),
                            "customer-profiles")) {
                        CustomerProfile p = profiles.deserialize("customer-profiles", r.value());
                        versions.computeIfAbsent(p.customerId(), c -> new java.util.ArrayList<>()).add(p.modelVersion());
                        assertThat(scorings.add(p.customerId() + "@" + p.updatedAt()))
                                .as("one profile per scoring of %s", p.customerId()).isTrue();
                    }
                    return versions.size() == CUSTOMERS && versions.values().stream()
                            .allMatch(v -> v.get(v.size() - 1).equals(NEW_VERSION));
                });

                assertThat(consumed(app)).isEqualTo(total);
                assertThat(app.metrics().total("insight.dlq.writes")).isZero();
                for (List<String> perCustomer : versions.values()) {
                    assertThat(perCustomer.get(0)).isEqualTo(before);
                    int firstNew = perCustomer.indexOf(NEW_VERSION);
                    assertThat(perCustomer.subList(firstNew, perCustomer.size())).as("never back to the old model")
                            .containsOnly(NEW_VERSION);
                }
                assertThat(app.prometheus().scrape())
                        .contains("insight_model_generation 2.0")
                        .contains("version=\"" + NEW_VERSION + "\"")
                        .containsPattern("insight_model_reloads_total\\{.*outcome=\"installed\".*part=\"churn\".*} 1.0");
            }
        }
    }

    private static double consumed(InsightApplication app) {
        return app.metrics().total("insight.events.consumed");
    }

    /** Each customer's clicks, seven minutes of event time apart from {@code from}: each one is scored. */
    private static long produce(KafkaProducer<String, String> producer, long from) {
        long n = 0;
        for (int c = 0; c < CUSTOMERS; c++) {
            String customer = "reload-" + c;
            for (int i = 0; i < CLICKS; i++) {
                producer.send(new ProducerRecord<>("clickstream", customer, click(customer + "-" + from + "-" + i,
                        customer, "page_view", from + i * 7 * MINUTE + c, customer + "-" + from)));
                n++;
            }
        }
        producer.flush();
        return n;
    }
}
