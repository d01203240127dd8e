package io.customerinsight.testing;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.LongSupplier;

import static io.customerinsight.testing.Events.DAY;
import static io.customerinsight.testing.Events.HOUR;
import static io.customerinsight.testing.Events.T0;
import static io.customerinsight.testing.Events.click;

/**
 * Days of clickstream and feedback for many customers, every partition in time order. Delivered either as a
 * backlog, as it sits on the input topics after an outage or before a first deployment (the clickstream
 * first, then the feedback in one batch from another system, so the feedback input is up to the whole span
 * behind), or live, hour by hour of event time. Some customers fall silent half-way and complain first, so
 * that the input holds alerts.
 */
public record Backlog(int customers, int days, List<Input> records, int clicks, int feedback) {
    /** One input record. */
    public record Input(boolean isClick, String key, String json, long timestamp) {
    }

    /** Generates the records and produces them as a backlog on {@code clickstream} and {@code feedback}. */
    public static Backlog produce(String servers, int customers, int days) {
        Backlog backlog = generate(customers, days);
        backlog.produceBacklog(servers, "clickstream", "feedback");
        return backlog;
    }

    public static Backlog generate(int customers, int days) {
        Random random = new Random(11);
        List<Input> records = new ArrayList<>();
        int clicks = 0;
        int feedback = 0;
        for (int d = 0; d < days; d++) {
            for (int c = 0; c < customers; c++) {
                String id = "cust-" + c;
                boolean churner = c % 5 == 0;
                if (churner && d > days / 2) {
                    continue; // silent from mid-way
                }
                long t = T0 + d * DAY + (c % 20) * HOUR;
                String type = churner && d == days / 2 ? "support_contact" : "page_view";
                records.add(new Input(true, id, click("e" + d + "-" + c, id, type, t, id + "-" + d), t));
                records.add(new Input(true, id, click("p" + d + "-" + c, id, "product_view", t + 60_000,
                        id + "-" + d), t + 60_000));
                clicks += 2;
                if (random.nextInt(100) < 2 || (churner && d == days / 2)) {
                    boolean angry = churner || random.nextBoolean();
                    records.add(new Input(false, id, Events.feedback("f" + feedback++, id, t + 120_000, "review",
                            angry ? "Terrible quality, very disappointed" : "Great service, thank you",
                            angry ? 1 : 5), t + 120_000));
                }
            }
        }
        records.sort(Comparator.comparingLong(Input::timestamp));
        return new Backlog(customers, days, List.copyOf(records), clicks, feedback);
    }

    /** The whole clickstream, then the whole feedback, before the app starts. */
    public void produceBacklog(String servers, String clickTopic, String feedbackTopic) {
        try (KafkaProducer<String, byte[]> producer = producer(servers)) {
            records.stream().filter(Input::isClick).forEach(r -> send(producer, clickTopic, r));
            records.stream().filter(r -> !r.isClick()).forEach(r -> send(producer, feedbackTopic, r));
        }
    }

    /**
     * A live stream in fast motion: a record is produced once the app has consumed everything before it
     * whenever it starts a new hour of event time or comes on the other input than the record before
     * ({@code consumed} counts what the app consumed). So the app never holds a record of one input while an
     * earlier one of the other is still on its way, as when events arrive over real time; records produced
     * to two topics within milliseconds of each other can be fetched in either order, which is a race of
     * live delivery, not of the app.
     */
    public void produceLive(String servers, String clickTopic, String feedbackTopic, LongSupplier consumed)
            throws InterruptedException {
        try (KafkaProducer<String, byte[]> producer = producer(servers)) {
            long hourEnd = Long.MIN_VALUE;
            boolean lastWasClick = true;
            for (int i = 0; i < records.size(); i++) {
                Input r = records.get(i);
                if (r.timestamp() >= hourEnd || r.isClick() != lastWasClick) {
                    producer.flush();
                    long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
                    while (consumed.getAsLong() < i && System.nanoTime() < deadline) {
                        Thread.sleep(1);
                    }
                    hourEnd = Math.floorDiv(r.timestamp(), HOUR) * HOUR + HOUR;
                }
                lastWasClick = r.isClick();
                send(producer, r.isClick() ? clickTopic : feedbackTopic, r);
            }
        }
    }

    public int events() {
        return clicks + feedback;
    }

    private static KafkaProducer<String, byte[]> producer(String servers) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                ProducerConfig.LINGER_MS_CONFIG, 20), new StringSerializer(), new ByteArraySerializer());
    }

    private static void send(KafkaProducer<String, byte[]> producer, String topic, Input r) {
        producer.send(new ProducerRecord<>(topic, r.key(), r.json().getBytes(StandardCharsets.UTF_8)));
    }
}
