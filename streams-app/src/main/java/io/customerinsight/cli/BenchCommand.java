package io.customerinsight.cli;

import io.customerinsight.app.InsightApplication;
import io.customerinsight.config.AppConfig;
import io.customerinsight.events.ClickEvent;
import io.customerinsight.events.ContractLimits;
import io.customerinsight.events.EventParser;
import io.customerinsight.events.EventSerdes;
import io.customerinsight.kafka.EmbeddedKafka;
import io.customerinsight.kafka.TopicSpec;
import io.customerinsight.ops.InsightMetrics;
import io.customerinsight.simulate.ActivitySimulator;
import io.customerinsight.simulate.SimulatedEvent;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Loads N clickstream events into an embedded broker, then measures in the same run: the raw consumer rate
 * (with JSON parsing by the same parser), the pipeline rate with exactly-once, and event-to-decision latency.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmark the pipeline against a raw consumer on the same data, on an embedded broker.")
public final class BenchCommand implements Callable<Integer> {
    @Option(names = "--events", defaultValue = "1000000", description = "clickstream events to load (default ${DEFAULT-VALUE})")
    long events;

    @Option(names = "--customers", defaultValue = "20000", description = "customers in the data (default ${DEFAULT-VALUE})")
    int customers;

    @Option(names = "--probes", defaultValue = "200", description = "latency probes sent once caught up (default ${DEFAULT-VALUE})")
    int probes;

    @Option(names = "--threads", defaultValue = "2", description = "Kafka Streams threads (default ${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--guarantee", defaultValue = "exactly_once_v2", description = "processing guarantee (default ${DEFAULT-VALUE})")
    String guarantee;

    @Option(names = {"-s", "--set"}, description = "pipeline setting key=value (insight.* or Kafka Streams), "
            + "to measure its effect")
    Map<String, String> settings = new java.util.LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            AppConfig config = AppConfig.of(Map.of(
                    "bootstrap.servers", kafka.bootstrapServers(),
                    "application.id", "insight-bench",
                    "num.stream.threads", Integer.toString(threads),
                    "processing.guarantee", guarantee,
                    "state.dir", Files.createTempDirectory("insight-bench").toString(),
                    "insight.sentiment.engine", "fast",
                    "insight.sweep.interval", "1h",
                    "insight.http.enabled", "false"));
            for (Map.Entry<String, String> e : settings.entrySet()) {
                config = config.with(e.getKey(), e.getValue());
            }
            TopicsCommand.apply(config, TopicSpec.load(null));
            kafka.keepHistory(config.topics().clickstream(), config.topics().feedback());
            long loadStart = System.nanoTime();
            long loaded = load(config);
            System.out.printf(Locale.ROOT, "loaded %,d clickstream events in %.1f s%n", loaded,
                    (System.nanoTime() - loadStart) / 1e9);

            double raw = rawConsumerRate(config, loaded);
            System.out.printf(Locale.ROOT, "raw consumer (JSON parsing):    %,10.0f events/s%n", raw);
            double floor = StreamsBaseline.rate(config, loaded);
            System.out.printf(Locale.ROOT, "Kafka Streams floor (parse + count per customer, %s): %,10.0f events/s"
                    + " = %.2f of raw%n", guarantee, floor, floor / raw);

            try (InsightApplication app = InsightApplication.create(config)) {
                InsightMetrics metrics = app.metrics();
                app.start();
                if (!app.awaitRunning(Duration.ofSeconds(120))) {
                    throw new IllegalStateException("pipeline did not start");
                }
                long started = System.nanoTime();
                long lastReport = started;
                double seen = 0;
                while ((seen = metrics.total("insight.events.consumed")) < loaded) {
                    Thread.sleep(100);
                    if (System.nanoTime() - lastReport > 10e9) {
                        System.out.printf(Locale.ROOT, "  ... %,.0f of %,d events (%s) lag %s%n", seen, loaded,
                                app.streams().state(), lag(config));
                        lastReport = System.nanoTime();
                    }
                }
                double pipeline = loaded / ((System.nanoTime() - started) / 1e9);
                System.out.printf(Locale.ROOT, "pipeline (%s): %,10.0f events/s%n", guarantee, pipeline);
                System.out.printf(Locale.ROOT, "pipeline / raw consumer:        %10.2f%n", pipeline / raw);
                System.out.printf(Locale.ROOT, "pipeline / Kafka Streams floor: %10.2f%n", pipeline / floor);
                double scorings = metrics.registry().find("insight.churn.scoring").timers().stream()
                        .mapToDouble(io.micrometer.core.instrument.Timer::count).sum();
                System.out.printf(Locale.ROOT, "churn scorings per event: %.2f (quiet customers rescored by sweeps:"
                        + " %,.0f); profiles %s%n", scorings / loaded, metrics.total("insight.rescoring.customers"),
                        metrics.byTag("insight.profile.updates", "outcome"));
                latency(config, metrics);
            }
        }
        return 0;
    }

    private long load(AppConfig config) {
        long until = System.currentTimeMillis() - Duration.ofDays(1).toMillis();
        long start = until - Duration.ofDays(Math.max(30, events / (customers * 3L) + 1)).toMillis();
        ActivitySimulator sim = new ActivitySimulator(customers, start, until - start, 0.25, 7);
        long n = 0;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerProps(config),
                new StringSerializer(), new ByteArraySerializer())) {
            while (n < events && sim.peekTime() <= until) {
                for (SimulatedEvent e : sim.nextSession()) {
                    if (e.click() != null && n < events) {
                        producer.send(new ProducerRecord<>(config.topics().clickstream(), null, e.timestamp(),
                                e.customerId(), EventSerdes.json().serialize(null, e.click())));
                        n++;
                    }
                }
            }
        }
        return n;
    }

    private static Map<String, Long> lag(AppConfig config) {
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
                Map.of("bootstrap.servers", config.get("bootstrap.servers")))) {
            var committed = admin.listConsumerGroupOffsets(config.get("application.id")).partitionsToOffsetAndMetadata().get();
            Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest = new HashMap<>();
            committed.keySet().forEach(tp -> latest.put(tp, org.apache.kafka.clients.admin.OffsetSpec.latest()));
            var ends = admin.listOffsets(latest).all().get();
            Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> earliest = new HashMap<>();
            committed.keySet().forEach(tp -> earliest.put(tp, org.apache.kafka.clients.admin.OffsetSpec.earliest()));
            var starts = admin.listOffsets(earliest).all().get();
            Map<String, Long> out = new java.util.TreeMap<>();
            committed.forEach((tp, om) -> out.put(tp.toString(), ends.get(tp).offset() - om.offset()));
            committed.forEach((tp, om) -> out.put(tp + "-start", starts.get(tp).offset()));
            return out;
        } catch (Exception e) {
            return Map.of("error", -1L);
        }
    }

    private static Map<String, Object> producerProps(AppConfig config) {
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.get("bootstrap.servers"));
        p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        return p;
    }

    private static double rawConsumerRate(AppConfig config, long expected) {
        EventParser parser = new EventParser(ContractLimits.defaults());
        Map<String, Object> p = new HashMap<>();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.get("bootstrap.servers"));
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-raw");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        long n = 0;
        long started = System.nanoTime();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(config.topics().clickstream()));
            while (n < expected) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    parser.parseClick(r.value());
                    n++;
                }
            }
        }
        return n / ((System.nanoTime() - started) / 1e9);
    }

    /** Probe events for new customers, with event time = wall time; latency = first profile seen - send time. */
    private void latency(AppConfig config, InsightMetrics metrics) throws Exception {
        Map<String, Object> c = new HashMap<>();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.get("bootstrap.servers"));
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-latency");
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Map<String, Long> sentAt = new HashMap<>();
        List<Double> profileMs = new ArrayList<>();
        List<Double> alertMs = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(c, new StringDeserializer(),
                new ByteArrayDeserializer());
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerProps(config),
                     new StringSerializer(), new ByteArraySerializer())) {
            consumer.subscribe(List.of(config.topics().customerProfiles(), config.topics().churnAlerts()));
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
                producer.send(new ProducerRecord<>(config.topics().clickstream(), null, now, id,
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
                        if (r.topic().equals(config.topics().churnAlerts())) {
                            alertMs.add(ms);
                        } else if (r.key().equals(id)) {
                            profileMs.add(ms);
                            seen = true;
                        }
                    }
                }
            }
        }
        System.out.printf(Locale.ROOT, "event-to-decision latency (profile, %d probes): p50 %.0f ms, p99 %.0f ms%n",
                profileMs.size(), percentile(profileMs, 50), percentile(profileMs, 99));
        System.out.printf(Locale.ROOT, "event-to-alert latency (%d probes that alerted): p50 %.0f ms, p99 %.0f ms%n",
                alertMs.size(), percentile(alertMs, 50), percentile(alertMs, 99));
        System.out.printf(Locale.ROOT, "alerts during the bulk run: %,.0f; dead-lettered: %,.0f%n",
                metrics.total("insight.alerts.emitted"), metrics.total("insight.dlq.writes"));
    }

    private static double percentile(List<Double> values, double p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        return v[(int) Math.min(v.length - 1, Math.ceil(p / 100 * v.length) - 1)];
    }
}
