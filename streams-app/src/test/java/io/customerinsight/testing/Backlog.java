package io.customerinsight.testing;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.customerinsight.testing.Events.DAY;
import static io.customerinsight.testing.Events.HOUR;
import static io.customerinsight.testing.Events.T0;
import static io.customerinsight.testing.Events.click;

/**
 * A backlog as it sits on the input topics after an outage or before a first deployment: days of
 * clickstream for many customers, every partition in time order, and their feedback delivered afterwards
 * in one batch from another system (so the feedback input is up to the whole span behind the clickstream).
 * Some customers fall silent half-way and complain first, so that the backlog holds alerts.
 */
public record Backlog(int customers, int days, int clicks, int feedback) {
    public static Backlog produce(String servers, int customers, int days) {
        Random random = new Random(11);
        List<String> feedbackJson = new ArrayList<>();
        List<String> feedbackKeys = new ArrayList<>();
        int clicks = 0;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers, ProducerConfig.LINGER_MS_CONFIG, 20),
                new StringSerializer(), new ByteArraySerializer())) {
            for (int d = 0; d < days; d++) {
                for (int c = 0; c < customers; c++) {
                    String id = "cust-" + c;
                    boolean churner = c % 5 == 0;
                    if (churner && d > days / 2) {
                        continue; // silent from mid-way
                    }
                    long t = T0 + d * DAY + (c % 20) * HOUR;
                    String type = churner && d == days / 2 ? "support_contact" : "page_view";
                    send(producer, "clickstream", id, click("e" + d + "-" + c, id, type, t, id + "-" + d));
                    send(producer, "clickstream", id, click("p" + d + "-" + c, id, "product_view", t + 60_000,
                            id + "-" + d));
                    clicks += 2;
                    if (random.nextInt(100) < 2 || (churner && d == days / 2)) {
                        boolean angry = churner || random.nextBoolean();
                        feedbackKeys.add(id);
                        feedbackJson.add(Events.feedback("f" + feedbackJson.size(), id, t + 120_000, "review",
                                angry ? "Terrible quality, very disappointed" : "Great service, thank you",
                                angry ? 1 : 5));
                    }
                }
            }
            for (int i = 0; i < feedbackJson.size(); i++) {
                send(producer, "feedback", feedbackKeys.get(i), feedbackJson.get(i));
            }
            producer.flush();
        }
        return new Backlog(customers, days, clicks, feedbackJson.size());
    }

    public int events() {
        return clicks + feedback;
    }

    private static void send(KafkaProducer<String, byte[]> producer, String topic, String key, String value) {
        producer.send(new ProducerRecord<>(topic, key, value.getBytes(StandardCharsets.UTF_8)));
    }
}
