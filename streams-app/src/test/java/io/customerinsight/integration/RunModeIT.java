package io.customerinsight.integration;

import io.customerinsight.alerts.ChurnAlert;
import io.customerinsight.app.InsightApplication;
import io.customerinsight.cli.TopicsCommand;
import io.customerinsight.config.AppConfig;
import io.customerinsight.deadletter.DeadLetterRecords;
import io.customerinsight.events.EventSerdes;
import io.customerinsight.kafka.TopicApplier;
import io.customerinsight.kafka.TopicSpec;
import io.customerinsight.ops.InsightMetrics;
import io.customerinsight.profiles.CustomerProfile;
import io.customerinsight.testing.CommittedRecords;
import io.customerinsight.testing.IntegrationConfig;
import io.customerinsight.testing.KafkaBackend;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static io.customerinsight.testing.Events.DAY;
import static io.customerinsight.testing.Events.HOUR;
import static io.customerinsight.testing.Events.T0;
import static io.customerinsight.testing.Events.click;
import static io.customerinsight.testing.Events.feedback;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The `run` mode end to end on a real broker (in-JVM KRaft, or Testcontainers: see {@link KafkaBackend}),
 * exactly-once on, with the bundled models.
 */
@Timeout(300)
class RunModeIT {
    private static KafkaBackend kafka;
    private static AppConfig config;
    private static InsightApplication app;
    private static InsightMetrics metrics;

    @BeforeAll
    static void start() throws Exception {
        kafka = KafkaBackend.start();
        config = IntegrationConfig.of(kafka.bootstrapServers(), "insight-it");
        TopicApplier.Report report = TopicsCommand.apply(config, TopicSpec.load(null));
        assertThat(report.created()).contains("clickstream", "customer-profiles", "insight-dlq");
        // the test's events are from 2024: keep them from time-based retention during the test
        io.customerinsight.broker.EmbeddedKafka.keepHistoryOn(kafka.bootstrapServers(), "clickstream", "feedback");
        app = InsightApplication.create(config);
        metrics = app.metrics();
        app.start();
        assertThat(app.awaitRunning(Duration.ofSeconds(90))).isTrue();
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void topicsApplyIsIdempotentAndReportsDrift() throws Exception {
        TopicApplier.Report again = TopicsCommand.apply(config, TopicSpec.load(null));
        assertThat(again.created()).isEmpty();
        // the retention lifted above is reported as drift, and nothing else is touched
        assertThat(again.drift()).hasSize(2).allSatisfy(d -> assertThat(d).contains("retention.ms=-1 (declared"));
        assertThat(again.unchanged()).hasSize(TopicSpec.load(null).size() - 2);
    }

    @Test
    void eventsFlowThroughWithExactlyOnceIntoAlertsProfilesAndTheDeadLetterTopic() throws Exception {
        assertThat(app.config().kafkaSettings()).doesNotContainKey(StreamsConfig.PROCESSING_GUARANTEE_CONFIG);
        assertThat(app.streams().state()).isEqualTo(KafkaStreams.State.RUNNING);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            // "quiet" is active every day for two weeks, complains, then goes silent
            for (int d = 0; d < 14; d++) {
                long t = T0 + d * DAY;
                send(producer, "clickstream", "quiet", click("q" + d, "quiet", "page_view", t, "qs" + d));
                send(producer, "clickstream", "quiet", click("qp" + d, "quiet", "product_view", t + 60_000, "qs" + d));
            }
            send(producer, "feedback", "quiet", feedback("f1", "quiet", T0 + 13 * DAY + HOUR, "review",
                    "Terrible quality, it broke after two days. Very disappointed.", 1));
            send(producer, "feedback", null, feedback("f2", "other", T0 + 13 * DAY + HOUR, "chat", "Great service", 5));
            send(producer, "clickstream", "busy", "{not json");
            // another customer of the same partition (stream time is per task) keeps stream time moving for
            // 26 more days while "quiet" stays silent; it starts after quiet's last event, as an earlier start
            // would be older than stream time minus the grace period: late events, dead-lettered
            String busy = customerOnSamePartitionAs("quiet");
            for (int d = 0; d <= 26 * 4; d++) {
                long t = T0 + 13 * DAY + 2 * HOUR + d * 6 * HOUR;
                send(producer, "clickstream", busy, click("b" + d, busy, "page_view", t, "bs" + (d / 4)));
            }
            producer.flush();
        }

        List<ConsumerRecord<byte[], byte[]>> dlq = consumeUntil("insight-dlq", r -> true, 1);
        assertThat(new String(dlq.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("{not json");
        assertThat(new String(dlq.get(0).headers().lastHeader(DeadLetterRecords.REASON).value(), StandardCharsets.UTF_8))
                .isEqualTo("not_json");

        List<ConsumerRecord<byte[], byte[]>> profiles = consumeUntil("customer-profiles",
                r -> new String(r.key(), StandardCharsets.UTF_8).equals("quiet"), 1);
        CustomerProfile profile = EventSerdes.json(CustomerProfile.class).deserializer()
                .deserialize("customer-profiles", profiles.get(0).value());
        assertThat(profile.customerId()).isEqualTo("quiet");

        // the null-keyed feedback was re-keyed by its customer id through the repartition topic
        List<ConsumerRecord<byte[], byte[]>> scored = consumeUntil("feedback-scored", r -> true, 2);
        assertThat(scored).extracting(r -> new String(r.key(), StandardCharsets.UTF_8)).contains("quiet", "other");
        assertThat(scored).extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                .anySatisfy(v -> assertThat(v).contains("\"customerId\":\"quiet\"", "\"label\":\"negative\""));

        List<ConsumerRecord<byte[], byte[]>> alerts = consumeUntil("churn-alerts",
                r -> new String(r.key(), StandardCharsets.UTF_8).equals("quiet"), 1);
        ChurnAlert alert = EventSerdes.json(ChurnAlert.class).deserializer().deserialize("churn-alerts", alerts.get(0).value());
        assertThat(alert.topFactors()).isNotEmpty();
        assertThat(alert.modelName()).isEqualTo("churn-lgbm");
        assertThat(metrics.total("insight.events.consumed")).isGreaterThan(100);
        // every valid event was processed: the malformed one is the only dead letter
        assertThat(readCommitted("insight-dlq"))
                .extracting(r -> new String(r.value(), StandardCharsets.UTF_8)).containsExactly("{not json");
    }

    private static String customerOnSamePartitionAs(String customer) {
        int partitions = 6;
        int target = partition(customer, partitions);
        for (int i = 0; ; i++) {
            if (partition("busy-" + i, partitions) == target) {
                return "busy-" + i;
            }
        }
    }

    private static int partition(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    private static void send(KafkaProducer<String, byte[]> producer, String topic, String key, String value) {
        producer.send(new ProducerRecord<>(topic, key, value.getBytes(StandardCharsets.UTF_8)));
    }

    /** Reads committed records from the start until {@code count} match, or fails after 120 s. */
    private static List<ConsumerRecord<byte[], byte[]>> consumeUntil(String topic,
                                                                      Predicate<ConsumerRecord<byte[], byte[]>> match,
                                                                      int count) {
        List<ConsumerRecord<byte[], byte[]>> found = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = committedReader(topic)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (found.size() < count && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (match.test(r)) {
                        found.add(r);
                    }
                });
            }
        }
        assertThat(found).as("records on %s", topic).hasSizeGreaterThanOrEqualTo(count);
        return found;
    }

    private static List<ConsumerRecord<byte[], byte[]>> readCommitted(String topic) {
        return CommittedRecords.readAll(kafka.bootstrapServers(), topic);
    }

    private static KafkaConsumer<byte[], byte[]> committedReader(String topic) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "it-" + topic + "-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
