package io.customerinsight.integration;

import io.customerinsight.app.InsightApplication;
import io.customerinsight.broker.EmbeddedKafka;
import io.customerinsight.cli.TopicsCommand;
import io.customerinsight.config.AppConfig;
import io.customerinsight.config.InsightConfig;
import io.customerinsight.kafka.TopicSpec;
import io.customerinsight.testing.CommittedRecords;
import io.customerinsight.testing.KafkaBackend;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static io.customerinsight.testing.Events.DAY;
import static io.customerinsight.testing.Events.HOUR;
import static io.customerinsight.testing.Events.T0;
import static io.customerinsight.testing.Events.click;
import static io.customerinsight.testing.Events.feedback;
import static io.customerinsight.testing.Waiting.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A backlog produced before the app starts, as after an outage or a first deployment on existing topics:
 * 30 days of clickstream for 500 customers on 6 partitions, and their feedback delivered afterwards in one
 * batch (so the feedback input is up to 30 days behind the clickstream). With the app's own settings
 * ({@code max.task.idle.ms=-1}: the clickstream runs ahead), nothing may be dead-lettered as late and every
 * feedback message must reach its customer.
 */
@Timeout(300)
class BacklogIT {
    private static final int CUSTOMERS = 500;
    private static final int DAYS = 30;

    @Test
    void aBacklogOnBothInputsIsProcessedNotDeadLettered() throws Exception {
        try (KafkaBackend kafka = KafkaBackend.start()) {
            AppConfig config = AppConfig.of(Map.of(
                    "bootstrap.servers", kafka.bootstrapServers(),
                    "application.id", "insight-backlog-it",
                    "state.dir", Files.createTempDirectory("insight-backlog-it").toString(),
                    InsightConfig.SENTIMENT_ENGINE, "fast",
                    InsightConfig.HTTP_ENABLED, "false"));
            TopicsCommand.apply(config, TopicSpec.load(null));
            EmbeddedKafka.keepHistoryOn(kafka.bootstrapServers(), "clickstream", "feedback");
            int[] produced = produceBacklog(kafka.bootstrapServers());

            try (InsightApplication app = InsightApplication.create(config)) {
                app.start();
                waitFor("every backlog event consumed",
                        () -> app.metrics().total("insight.events.consumed") >= produced[0] + produced[1]);
                waitFor("a profile for every customer",
                        () -> distinctKeys(kafka.bootstrapServers(), "customer-profiles").size() == CUSTOMERS);
                waitFor("every feedback scored and applied",
                        () -> readCommitted(kafka.bootstrapServers(), "feedback-scored").size() == produced[1]);
                assertThat(readCommitted(kafka.bootstrapServers(), "insight-dlq")).as("dead letters").isEmpty();
                assertThat(app.metrics().total("insight.dlq.writes")).isZero();
            }
        }
    }

    /** @return clicks and feedback produced */
    private static int[] produceBacklog(String servers) {
        Random random = new Random(11);
        List<long[]> feedbackAt = new ArrayList<>();
        int clicks = 0;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers, ProducerConfig.LINGER_MS_CONFIG, 20),
                new StringSerializer(), new ByteArraySerializer())) {
            for (int d = 0; d < DAYS; d++) {
                for (int c = 0; c < CUSTOMERS; c++) {
                    String id = "cust-" + c;
                    long t = T0 + d * DAY + (c % 20) * HOUR;
                    send(producer, "clickstream", id, click("e" + d + "-" + c, id, "page_view", t, id + "-" + d));
                    send(producer, "clickstream", id, click("p" + d + "-" + c, id, "product_view", t + 60_000,
                            id + "-" + d));
                    clicks += 2;
                    if (random.nextInt(100) < 2) {
                        feedbackAt.add(new long[] {c, t + 120_000});
                    }
                }
            }
            // the feedback arrives afterwards, in one batch from another system
            int f = 0;
            for (long[] fb : feedbackAt) {
                String id = "cust-" + fb[0];
                send(producer, "feedback", id, feedback("f" + f++, id, fb[1], "review",
                        f % 3 == 0 ? "Terrible quality, very disappointed" : "Great service, thank you", null));
            }
            producer.flush();
        }
        return new int[] {clicks, feedbackAt.size()};
    }

    private static void send(KafkaProducer<String, byte[]> producer, String topic, String key, String value) {
        producer.send(new ProducerRecord<>(topic, key, value.getBytes(StandardCharsets.UTF_8)));
    }

    private static Set<String> distinctKeys(String servers, String topic) {
        Set<String> keys = new HashSet<>();
        readCommitted(servers, topic).forEach(r -> keys.add(new String(r.key(), StandardCharsets.UTF_8)));
        return keys;
    }

    private static List<ConsumerRecord<byte[], byte[]>> readCommitted(String servers, String topic) {
        return CommittedRecords.readAll(servers, topic);
    }
}
