package io.customerinsight.tools;

import io.customerinsight.cli.TopicsCommand;
import io.customerinsight.alerts.ChurnAlert;
import io.customerinsight.app.InsightApplication;
import io.customerinsight.config.AppConfig;
import io.customerinsight.config.InsightConfig;
import io.customerinsight.config.TopicRole;
import io.customerinsight.config.Durations;
import io.customerinsight.events.EventSerdes;
import io.customerinsight.broker.EmbeddedKafka;
import io.customerinsight.kafka.TopicSpec;
import io.customerinsight.ops.InsightMetrics;
import io.customerinsight.replay.HistoryPublisher;
import io.customerinsight.simulate.ActivitySimulator;
import io.customerinsight.simulate.KafkaEventSink;
import io.customerinsight.simulate.SimulationRunner;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Start an in-JVM Kafka broker, create the topics, run the pipeline and the simulator (or publish",
                "your own history with --input),",
                "and print a live feed of churn alerts with a periodic summary."})
public final class DemoCommand implements Callable<Integer> {
    @Option(names = "--duration", defaultValue = "90s", description = "run this long, then exit 0 (default ${DEFAULT-VALUE})")
    String duration;

    @Option(names = "--customers", defaultValue = "2000", description = "simulated customers (default ${DEFAULT-VALUE})")
    int customers;

    @Option(names = "--events-per-second", defaultValue = "3000", description = "simulator rate (default ${DEFAULT-VALUE})")
    double rate;

    @Option(names = "--history", defaultValue = "45d", description = "simulated history replayed at speed (default ${DEFAULT-VALUE})")
    String history;

    @Option(names = "--summary-every", defaultValue = "10s", description = "summary period (default ${DEFAULT-VALUE})")
    String summaryEvery;

    @Option(names = "--http-port", defaultValue = "8080",
            description = "port of /metrics, /health and /customers/{id} (0: any free port; default ${DEFAULT-VALUE})")
    int httpPort;

    @Option(names = "--engine", defaultValue = "cascade", description = "sentiment engine: cascade, fast or encoder (default ${DEFAULT-VALUE})")
    String engine;

    @Option(names = "--input", description = "a history file (JSON lines of the event contract, as import-orders "
            + "writes them) published to the input topics instead of simulating: your own customers, scored in event "
            + "time as if live")
    Path input;

    @Option(names = {"-s", "--set"}, description = "a pipeline setting key=value (insight.* or Kafka Streams) for "
            + "this run, as run's --set")
    Map<String, String> overrides = new java.util.LinkedHashMap<>();

    @Option(names = "--models-dir", description = "a model directory to run instead of the bundled models; it is "
            + "watched for new versions (hot reload) while the demo runs")
    String modelsDir;

    @Override
    public Integer call() throws Exception {
        Duration runFor = Durations.parse(duration);
        if (input != null && !Files.isReadable(input)) {
            System.err.println("error: --input " + input + " is not a readable file");
            return 2;
        }
        System.out.println("Starting an embedded Kafka broker (KRaft)...");
        EmbeddedBrokerLogging.quiet();
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            Map<String, String> settings = new java.util.HashMap<>(Map.of(
                    "bootstrap.servers", kafka.bootstrapServers(),
                    "application.id", "insight-demo",
                    "state.dir", Files.createTempDirectory("insight-demo-state").toString(),
                    InsightConfig.SENTIMENT_ENGINE, engine,
                    InsightConfig.RESCORE_MIN_INTERVAL, "10m",
                    InsightConfig.HTTP_PORT, Integer.toString(httpPort)));
            if (modelsDir != null) {
                settings.put(InsightConfig.MODELS_DIR, modelsDir);
                settings.put(InsightConfig.MODELS_RELOAD_INTERVAL, "5s");
            }
            settings.putAll(overrides);
            AppConfig config = AppConfig.of(settings);
            TopicsCommand.apply(config, TopicSpec.load(null)).created()
                    .forEach(t -> System.out.println("created topic " + t));
            kafka.keepHistory(config.topic(TopicRole.CLICKSTREAM), config.topic(TopicRole.FEEDBACK));
            System.out.println("Loading models and starting the pipeline...");
            try (InsightApplication app = InsightApplication.create(config)) {
                app.start();
                System.out.printf("Metrics: http://localhost:%1$d/metrics   a live profile: "
                        + "http://localhost:%1$d/customers/%2$s%n", app.httpPort(),
                        input == null ? "cust-000007" : "{customerId}");
                if (!app.awaitRunning(Duration.ofSeconds(60))) {
                    System.err.println("the pipeline did not reach RUNNING within 60 s");
                    return 1;
                }
                return runDemo(config, app, app.metrics(), runFor);
            }
        }
    }

    private int runDemo(AppConfig config, InsightApplication app, InsightMetrics metrics, Duration runFor)
            throws Exception {
        Map<String, AtomicLong> alertsByLevel = new ConcurrentHashMap<>();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<HistoryPublisher.Published> published = new AtomicReference<>();
        Thread source = input == null ? simulator(config, runFor) : publisher(config, published);
        Thread feed = new Thread(() -> printAlerts(config, alertsByLevel, stop), "demo-alert-feed");
        source.start();
        feed.start();

        long started = System.nanoTime();
        long period = Durations.parse(summaryEvery).toNanos();
        double lastEvents = 0;
        long lastAt = started;
        while (System.nanoTime() - started < runFor.toNanos()) {
            Thread.sleep(Math.min(period, runFor.toNanos() - (System.nanoTime() - started)) / 1_000_000 + 1);
            double events = metrics.total("insight.events.consumed");
            long now = System.nanoTime();
            printSummary(metrics, alertsByLevel, (events - lastEvents) / ((now - lastAt) / 1e9), events);
            HistoryPublisher.Published p = published.get();
            if (p != null && events >= p.clicks() + p.feedback()) {
                // a history is scored in event time: once all of it is in, what the demo shows is final
                System.out.printf(Locale.ROOT, "All %,d events of %s consumed: its last alerts follow within seconds, "
                                + "then nothing more comes from it%n",
                        p.clicks() + p.feedback(), input.getFileName());
                published.set(null);
            }
            lastEvents = events;
            lastAt = now;
        }
        // the simulator stops by itself at the same duration; interrupting it while its producer closes makes
        // Kafka's producer print an error, so it is interrupted only if it has not ended in time
        source.join(5_000);
        if (source.isAlive()) {
            source.interrupt();
            source.join(10_000);
        }
        Thread.sleep(2_000); // let the last transaction commit and be printed
        stop.set(true);
        feed.join(10_000);
        System.out.println("Demo finished.");
        return 0;
    }

    private Thread simulator(AppConfig config, Duration runFor) {
        long historyMs = Durations.parse(history).toMillis();
        ActivitySimulator sim = new ActivitySimulator(customers, Instant.now().toEpochMilli() - historyMs, historyMs,
                0.25, 42);
        System.out.printf("Simulating %d customers (%d will churn) from %s of history at %.0f events/s for %s%n",
                sim.size(), sim.churners(), history, rate, duration);
        return new Thread(() -> {
            try (KafkaEventSink sink = new KafkaEventSink(config)) {
                new SimulationRunner(sim, sink, Clock.systemUTC()).run(rate, runFor);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "demo-simulator");
    }

    private Thread publisher(AppConfig config, AtomicReference<HistoryPublisher.Published> published) {
        System.out.printf("Publishing %s to the input topics (the pipeline scores it in event time)...%n", input);
        return new Thread(() -> {
            try (KafkaEventSink sink = new KafkaEventSink(config)) {
                HistoryPublisher.Published p = HistoryPublisher.publish(input, sink::send);
                sink.flush();
                System.out.printf(Locale.ROOT, "Published %,d clickstream events and %,d feedback messages of %s "
                                + "(%,d lines the contract refuses, sent to be dead-lettered); a live profile: "
                                + "/customers/%s%n", p.clicks(), p.feedback(), input.getFileName(), p.refused(),
                        p.firstCustomer());
                published.set(p);
            } catch (java.io.IOException e) {
                System.err.println("cannot read " + input + ": " + e.getMessage());
            }
        }, "demo-publisher");
    }

    private static void printAlerts(AppConfig config, Map<String, AtomicLong> alertsByLevel, AtomicBoolean stop) {
        Map<String, Object> props = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.get("bootstrap.servers"),
                ConsumerConfig.GROUP_ID_CONFIG, "insight-demo-feed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, ChurnAlert> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                EventSerdes.json(ChurnAlert.class).deserializer())) {
            consumer.subscribe(List.of(config.topic(TopicRole.CHURN_ALERTS)));
            while (!stop.get()) {
                for (ConsumerRecord<String, ChurnAlert> r : consumer.poll(Duration.ofMillis(250))) {
                    alertsByLevel.computeIfAbsent(r.value().riskLevel().wireName(), k -> new AtomicLong()).incrementAndGet();
                    System.out.println(AlertFeed.line(r.value()));
                }
            }
        }
    }

    private static void printSummary(InsightMetrics metrics, Map<String, AtomicLong> alerts, double rate, double events) {
        Map<String, Long> byLevel = new TreeMap<>();
        alerts.forEach((k, v) -> byLevel.put(k, v.get()));
        double neg = metrics.count("insight.sentiment.labels", "label", "negative");
        double neu = metrics.count("insight.sentiment.labels", "label", "neutral");
        double pos = metrics.count("insight.sentiment.labels", "label", "positive");
        double total = Math.max(1, neg + neu + pos);
        Map<String, Long> outcomes = metrics.byTag("insight.alert.outcomes", "outcome");
        System.out.printf(Locale.ROOT,
                "---- %,.0f events/s | %,.0f events | alerts %s | came true %s | feedback %,.0f: %.0f%% negative,"
                        + " %.0f%% neutral, %.0f%% positive | suppressed %,.0f | dead-lettered %s%n",
                rate, events, byLevel.isEmpty() ? "none yet" : byLevel, cameTrue(outcomes), neg + neu + pos,
                100 * neg / total, 100 * neu / total, 100 * pos / total, metrics.total("insight.alerts.suppressed"),
                metrics.byTag("insight.dlq.writes", "reason"));
    }

    /** How many decided alert outcomes came true (the customer churned within the horizon), of how many. */
    static String cameTrue(Map<String, Long> outcomes) {
        long churned = outcomes.getOrDefault("churned", 0L);
        long decided = churned + outcomes.getOrDefault("retained", 0L);
        return decided == 0 ? "none decided yet" : String.format(Locale.ROOT, "%,d of %,d decided", churned, decided);
    }
}
