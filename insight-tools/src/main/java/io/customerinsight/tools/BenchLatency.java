package io.customerinsight.tools;

import io.customerinsight.config.AppConfig;
import io.customerinsight.config.TopicRole;
import io.customerinsight.events.ClickEvent;
import io.customerinsight.events.EventSerdes;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Event-to-decision latency of a running pipeline: probe events for new customers, one at a time, with event
 * time = wall time; the latency is the time until their first profile (and alert, if any) is committed.
 */
final class BenchLatency {
    record Result(List<Double> profileMs, List<Double> alertMs) {
        double profilePercentile(double p) {
            return percentile(profileMs, p);
        }

        double alertPercentile(double p) {
            return percentile(alertMs, p);
        }
    }

    private BenchLatency() {
    }

    static Result measure(AppConfig config, Map<String, Object> producerProps, int probes) {
        Map<String, Object> c = new HashMap<>();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.get("bootstrap.servers"));
        c.put(ConsumerConfig.GROUP_ID_CONFIG, config.get("application.id") + "-latency");
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Map<String, Long> sentAt = new HashMap<>();
        List<Double> profileMs = new ArrayList<>();
        List<Double> alertMs = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(c, new StringDeserializer(),
                new ByteArrayDeserializer());
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerProps,
                     new StringSerializer(), new ByteArraySerializer())) {
            consumer.subscribe(List.of(config.topic(TopicRole.CUSTOMER_PROFILES), config.topic(TopicRole.CHURN_ALERTS)));
            while (consumer.assignment().isEmpty()) {
                consumer.poll(Duration.ofMillis(100));
            }
            consumer.seekToEnd(consumer.assignment());
            consumer.assignment().forEach(consumer::position);
            for (int i = 0; i < probes; i++) {
                String id = "probe-" + i;
                long now = System.currentTimeMillis();
                ClickEvent e = new ClickEvent("probe-ev-" + i, id, i % 2 == 0 ? "support_contact" : "page_view", now,
                        "probe-s-" + i, null, null, null, null, null);
                producer.send(new ProducerRecord<>(config.topic(TopicRole.CLICKSTREAM), null, now, id,
                        EventSerdes.json().serialize(null, e)));
                producer.flush();
                sentAt.put(id, System.nanoTime());
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                boolean seen = false;
                while (!seen && System.nanoTime() < deadline) {
                    for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(5))) {
                        Long sent = sentAt.get(r.key());
                        if (sent == null) {
                            continue;
                        }
                        double ms = (System.nanoTime() - sent) / 1e6;
                        if (r.topic().equals(config.topic(TopicRole.CHURN_ALERTS))) {
                            alertMs.add(ms);
                        } else if (r.key().equals(id)) {
                            profileMs.add(ms);
                            seen = true;
                        }
                    }
                }
            }
        }
        return new Result(profileMs, alertMs);
    }

    static double percentile(List<Double> values, double p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        return v[(int) Math.min(v.length - 1, Math.ceil(p / 100 * v.length) - 1)];
    }
}
