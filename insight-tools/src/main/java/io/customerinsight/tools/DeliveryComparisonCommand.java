package io.customerinsight.tools;

import io.customerinsight.app.InsightApplication;
import io.customerinsight.broker.EmbeddedKafka;
import io.customerinsight.cli.TopicsCommand;
import io.customerinsight.config.AppConfig;
import io.customerinsight.config.InsightConfig;
import io.customerinsight.config.TopicRole;
import io.customerinsight.events.EventSerdes;
import io.customerinsight.kafka.TopicSpec;
import io.customerinsight.simulate.ActivitySimulator;
import io.customerinsight.simulate.SimulatedEvent;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * The same simulated input delivered two ways on one embedded broker: as a backlog produced before the app
 * starts (clickstream first, feedback afterwards in one batch), and live (both inputs in time order while
 * the app runs). Prints how far alerts and final profiles agree: the residue of results that depend on
 * delivery rather than on the input alone.
 */
@Command(name = "compare-delivery", mixinStandardHelpOptions = true,
        description = "Run the same simulated input as a backlog and live; compare alerts and final profiles.")
public final class DeliveryComparisonCommand implements Callable<Integer> {
    private static final long DAY = Duration.ofDays(1).toMillis();
    private static final long HOUR = Duration.ofHours(1).toMillis();

    @Option(names = "--customers", defaultValue = "1000", description = "customers (default ${DEFAULT-VALUE})")
    int customers;

    @Option(names = "--days", defaultValue = "30", description = "days of history (default ${DEFAULT-VALUE})")
    int days;

    @Option(names = "--seed", defaultValue = "7", description = "simulator seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = {"-s", "--set"}, description = "a setting for both runs, key=value (insight.* or Kafka Streams)")
    Map<String, String> overrides = new HashMap<>();

    @Option(names = "--unkeyed", defaultValue = "0", description = "the percentage of records produced without a key, "
            + "each to a partition chosen by its event id, as a producer that cannot set keys would (default ${DEFAULT-VALUE})")
    int unkeyedPercent;

    @Option(names = "--dump", description = "a directory to write both runs' alerts and final profiles to (JSON lines)")
    Path dump;

    @Override
    public Integer call() throws Exception {
        List<SimulatedEvent> events = simulate();
        long feedback = events.stream().filter(e -> e.feedback() != null).count();
        System.out.printf(Locale.ROOT, "%,d events (%,d feedback) for %,d customers over %d days; %d%% unkeyed%n",
                events.size(), feedback, customers, days, unkeyedPercent);
        EmbeddedBrokerLogging.quiet();
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            String servers = kafka.bootstrapServers();
            AppConfig backlog = config(servers, "backlog", "", overrides);
            AppConfig live = config(servers, "live", "-live", overrides);
            for (AppConfig c : List.of(backlog, live)) {
                TopicsCommand.apply(c, TopicSpec.load(null));
                kafka.keepHistory(c.topic(TopicRole.CLICKSTREAM), c.topic(TopicRole.FEEDBACK));
            }
            try (KafkaProducer<String, byte[]> producer = producer(servers)) {
                events.stream().filter(e -> e.click() != null).forEach(e -> send(producer, backlog, e));
                events.stream().filter(e -> e.feedback() != null).forEach(e -> send(producer, backlog, e));
            }
            run(backlog, events, false, servers);
            run(live, events, true, servers);
            compare(servers, backlog, live, dump);
        }
        return 0;
    }

    private List<SimulatedEvent> simulate() {
        long end = System.currentTimeMillis() - DAY;
        long start = end - days * DAY;
        ActivitySimulator sim = new ActivitySimulator(customers, start, days * DAY, 0.25, seed);
        List<SimulatedEvent> out = new ArrayList<>();
        while (sim.peekTime() <= end) {
            out.addAll(sim.nextSession());
        }
        out.sort(Comparator.comparingLong(SimulatedEvent::timestamp));
        return out;
    }

    private static AppConfig config(String servers, String name, String suffix, Map<String, String> overrides)
            throws Exception {
        Map<String, String> settings = new HashMap<>();
        for (TopicRole role : TopicRole.values()) {
            settings.put(role.settingsKey(), role.defaultName() + suffix);
        }
        settings.put("bootstrap.servers", servers);
        settings.put("application.id", "insight-compare-" + name);
        settings.put("state.dir", Files.createTempDirectory("insight-compare").toString());
        settings.put(InsightConfig.SENTIMENT_ENGINE, "fast");
        settings.put(InsightConfig.HTTP_ENABLED, "false");
        settings.putAll(overrides);
        return AppConfig.of(settings);
    }

    private void run(AppConfig config, List<SimulatedEvent> events, boolean live, String servers)
            throws Exception {
        try (InsightApplication app = InsightApplication.create(config)) {
            app.start();
            app.awaitRunning(Duration.ofSeconds(60));
            if (live) {
                // a live stream, in fast motion: a record is produced once the app has consumed everything before
                // it whenever it starts a new hour of event time or comes on the other input than the record
                // before, as when events arrive over real time (records produced to two topics within
                // milliseconds of each other can be fetched in either order: a race of live delivery; so can an
                // unkeyed record, which reaches its customer a hop later than the keyed records after it)
                try (KafkaProducer<String, byte[]> producer = producer(servers)) {
                    long hourEnd = Long.MIN_VALUE;
                    boolean lastWasClick = true;
                    for (int i = 0; i < events.size(); i++) {
                        SimulatedEvent e = events.get(i);
                        boolean click = e.click() != null;
                        if (e.timestamp() >= hourEnd || click != lastWasClick) {
                            producer.flush();
                            awaitConsumed(app, i);
                            hourEnd = Math.floorDiv(e.timestamp(), HOUR) * HOUR + HOUR;
                        }
                        lastWasClick = click;
                        send(producer, config, e);
                    }
                }
            }
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            while (processed(app) < events.size() && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            // the last due customers are swept by the wall clock and committed within a few commit intervals
            long profiles = -1;
            while (profiles != read(servers, config.topic(TopicRole.CUSTOMER_PROFILES)).size()) {
                profiles = read(servers, config.topic(TopicRole.CUSTOMER_PROFILES)).size();
                Thread.sleep(3000);
            }
            System.out.printf(Locale.ROOT, "%-7s consumed %,.0f, alerts %,.0f, dead-lettered %,.0f%n",
                    live ? "live:" : "backlog:", app.metrics().total("insight.events.consumed"),
                    app.metrics().total("insight.alerts.emitted"), app.metrics().total("insight.dlq.writes"));
        }
    }

    private static void awaitConsumed(InsightApplication app, long count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (app.metrics().total("insight.events.consumed") < count && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
    }

    /** records the customer stage has taken in, or that were dead-lettered on the way */
    private static double processed(InsightApplication app) {
        return app.metrics().total("insight.feature.updates") + app.metrics().total("insight.duplicates.dropped")
                + app.metrics().total("insight.dlq.writes");
    }

    private static void compare(String servers, AppConfig backlog, AppConfig live, Path dump)
            throws IOException {
        List<String> a = values(servers, backlog.topic(TopicRole.CHURN_ALERTS));
        List<String> b = values(servers, live.topic(TopicRole.CHURN_ALERTS));
        if (dump != null) {
            Files.createDirectories(dump);
            Files.write(dump.resolve("alerts-backlog.jsonl"), a);
            Files.write(dump.resolve("alerts-live.jsonl"), b);
            Files.write(dump.resolve("profiles-backlog.jsonl"),
                    latest(servers, backlog.topic(TopicRole.CUSTOMER_PROFILES)).values());
            Files.write(dump.resolve("profiles-live.jsonl"), latest(servers, live.topic(TopicRole.CUSTOMER_PROFILES)).values());
        }
        Set<String> idsA = fieldSet(a, "alertId", null);
        Set<String> idsB = fieldSet(b, "alertId", null);
        Set<String> levelsA = fieldSet(a, "customerId", "riskLevel");
        Set<String> levelsB = fieldSet(b, "customerId", "riskLevel");
        Set<String> sameIds = new HashSet<>(idsA);
        sameIds.retainAll(idsB);
        Set<String> sameLevels = new HashSet<>(levelsA);
        sameLevels.retainAll(levelsB);
        Set<String> allLevels = new HashSet<>(levelsA);
        allLevels.addAll(levelsB);
        Set<String> sameRecords = new HashSet<>(a);
        sameRecords.retainAll(new HashSet<>(b));
        System.out.printf(Locale.ROOT, "alerts: backlog %,d, live %,d; the same alert id %,d; the same whole record "
                + "%,d; (customer, level) pairs shared %,d of %,d (Jaccard %.2f)%n", a.size(), b.size(), sameIds.size(),
                sameRecords.size(), sameLevels.size(), allLevels.size(),
                sameLevels.size() / (double) Math.max(1, allLevels.size()));
        Map<String, String> pa = latest(servers, backlog.topic(TopicRole.CUSTOMER_PROFILES));
        Map<String, String> pb = latest(servers, live.topic(TopicRole.CUSTOMER_PROFILES));
        int both = 0;
        int identical = 0;
        int whole = 0;
        int sameLevel = 0;
        for (Map.Entry<String, String> e : pa.entrySet()) {
            String other = pb.get(e.getKey());
            if (other != null) {
                both++;
                identical += withoutTime(e.getValue()).equals(withoutTime(other)) ? 1 : 0;
                whole += e.getValue().equals(other) ? 1 : 0;
                sameLevel += field(e.getValue(), "riskLevel").equals(field(other, "riskLevel")) ? 1 : 0;
            }
        }
        System.out.printf(Locale.ROOT, "final profiles: backlog %,d, live %,d; identical %,d of %,d (but for updatedAt "
                + "%,d); the same risk level %,d%n", pa.size(), pb.size(), whole, both, identical, sameLevel);
    }

    private static String withoutTime(String profile) {
        return profile.replaceAll("\"updatedAt\":\\d+,", "");
    }

    private static Set<String> fieldSet(List<String> records, String first, String second) {
        Set<String> out = new HashSet<>();
        records.forEach(r -> out.add(field(r, first) + (second == null ? "" : ":" + field(r, second))));
        return out;
    }

    private static String field(String json, String name) {
        int at = json.indexOf("\"" + name + "\":\"");
        if (at < 0) {
            return "";
        }
        int from = at + name.length() + 4;
        return json.substring(from, json.indexOf('"', from));
    }

    private static Map<String, String> latest(String servers, String topic) {
        Map<String, String> out = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : read(servers, topic)) {
            String key = new String(r.key(), StandardCharsets.UTF_8);
            if (r.value() == null) {
                out.remove(key); // a tombstone: the customer was deleted
            } else {
                out.put(key, new String(r.value(), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static List<String> values(String servers, String topic) {
        return read(servers, topic).stream().map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList();
    }

    private static List<ConsumerRecord<byte[], byte[]>> read(String servers, String topic) {
        List<ConsumerRecord<byte[], byte[]>> all = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers, ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(all::add);
            }
        }
        return all;
    }

    private static KafkaProducer<String, byte[]> producer(String servers) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                ProducerConfig.LINGER_MS_CONFIG, 20), new StringSerializer(), new ByteArraySerializer());
    }

    private void send(KafkaProducer<String, byte[]> producer, AppConfig config, SimulatedEvent e) {
        String topic = config.topic(e.click() != null ? TopicRole.CLICKSTREAM : TopicRole.FEEDBACK);
        byte[] value = EventSerdes.json().serialize(null, e.payload());
        // the same records get no key in both runs, and the same partition, so that both see the same input
        int hash = mixed(e.click() != null ? e.click().eventId() : e.feedback().feedbackId());
        if (Math.floorMod(hash, 100) < unkeyedPercent) {
            int partitions = producer.partitionsFor(topic).size();
            producer.send(new ProducerRecord<>(topic, Math.floorMod(hash / 100, partitions), null, value));
        } else {
            producer.send(new ProducerRecord<>(topic, e.customerId(), value));
        }
    }

    private static int mixed(String id) {
        int h = id.hashCode() * 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
