package io.customerinsight.tools;

import io.customerinsight.cli.TopicsCommand;
import io.customerinsight.app.InsightApplication;
import io.customerinsight.config.AppConfig;
import io.customerinsight.config.InsightConfig;
import io.customerinsight.config.TopicRole;
import io.customerinsight.events.ContractLimits;
import io.customerinsight.events.EventParser;
import io.customerinsight.events.EventSerdes;
import io.customerinsight.events.FeedbackEvent;
import io.customerinsight.broker.EmbeddedKafka;
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
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;

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

    @Option(names = "--max-runs", defaultValue = "10", description = "runs of each contender at most: each runs "
            + "the events again until the JIT compiler is busy less than a tenth of its run, and its fastest run "
            + "is the one reported (default ${DEFAULT-VALUE})")
    int maxRuns;

    @Option(names = "--with-feedback", description = "also load the simulator's feedback (about 1%% of events) onto "
            + "the feedback topic, interleaved as the simulator makes it: the backlog mode with both inputs; the "
            + "raw consumer and the floor still read the clickstream only")
    boolean withFeedback;

    @Option(names = "--feedback-copies", defaultValue = "1", description = "with --with-feedback: publish each "
            + "simulated feedback message this many times, each with an id of its own, for a feedback-heavy mix "
            + "(2: about 2.6%% of events; default ${DEFAULT-VALUE})")
    int feedbackCopies;

    @Option(names = "--in-time-order", description = "load the simulated events sorted by their time, as producers "
            + "publishing events as they happen would; by default each session's events are loaded together, so "
            + "every partition is minutes out of time order")
    boolean inTimeOrder;

    @Option(names = "--pipeline-only", description = "skip the raw consumer and the Kafka Streams floor: quicker, "
            + "to compare pipeline settings by their CPU per event (no ratio is reported)")
    boolean pipelineOnly;

    /** runs started so far, all contenders together: each gets an application id of its own */
    private int runs;

    @Override
    public Integer call() throws Exception {
        EmbeddedBrokerLogging.quiet();
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            AppConfig config = AppConfig.of(Map.of(
                    "bootstrap.servers", kafka.bootstrapServers(),
                    "application.id", "insight-bench",
                    "num.stream.threads", Integer.toString(threads),
                    "processing.guarantee", guarantee,
                    "state.dir", Files.createTempDirectory("insight-bench").toString(),
                    InsightConfig.SENTIMENT_ENGINE, "fast",
                    InsightConfig.HTTP_ENABLED, "false"));
            for (Map.Entry<String, String> e : settings.entrySet()) {
                config = config.with(e.getKey(), e.getValue());
            }
            TopicsCommand.apply(config, TopicSpec.load(null));
            kafka.keepHistory(config.topic(TopicRole.CLICKSTREAM), config.topic(TopicRole.FEEDBACK));
            long loadStart = System.nanoTime();
            long[] counts = load(config, events, 7);
            long loaded = counts[0];
            long feedback = counts[1];
            System.out.printf(Locale.ROOT, "loaded %,d clickstream events and %,d feedback messages in %.1f s%n",
                    loaded, feedback, (System.nanoTime() - loadStart) / 1e9);

            RawRun raw = null;
            StreamsBaseline.Result baseline = null;
            if (!pipelineOnly) {
                Runs<RawRun> raws = steady(config, c -> rawConsumerRate(c, loaded), RawRun::rate,
                        RawRun::jitShare, r -> { });
                raw = raws.fastest();
                System.out.printf(Locale.ROOT, "raw consumer (JSON parsing):    %,10.0f events/s (%s)%n", raw.rate(),
                        raws.describe());
                Runs<StreamsBaseline.Result> floors = steady(config, c -> StreamsBaseline.rate(c, loaded),
                        StreamsBaseline.Result::rate, StreamsBaseline.Result::jitShare, r -> { });
                baseline = floors.fastest();
                double floor = baseline.rate();
                System.out.printf(Locale.ROOT, "Kafka Streams floor (parse + count per customer, %s): %,10.0f events/s"
                        + " = %.2f of raw; stream threads %.1f us CPU per event (%s)%n", guarantee, floor,
                        floor / raw.rate(), baseline.cpuNanosPerEvent() / 1e3, floors.describe());
            }

            Runs<PipelineRun> pipelines = steady(config, c -> pipelineRate(c, loaded + feedback), PipelineRun::rate,
                    PipelineRun::jitShare, PipelineRun::close);
            try (PipelineRun last = pipelines.last()) {
                PipelineRun run = pipelines.fastest();
                double pipeline = run.rate();
                InsightMetrics metrics = last.app().metrics();
                System.out.printf(Locale.ROOT, "pipeline (%s): %,10.0f events/s; stream threads %.1f us CPU per event"
                        + "%s, whole process %.1f us (%s)%n", guarantee, pipeline, run.cpuNanosPerEvent() / 1e3,
                        baseline == null ? "" : String.format(Locale.ROOT, " = %.1fx the floor's",
                                run.cpuNanosPerEvent() / baseline.cpuNanosPerEvent()),
                        run.processCpuNanosPerEvent() / 1e3, pipelines.describe());
                if (feedback > 0) {
                    System.out.printf(Locale.ROOT, "feedback: %,d texts scored end to end at %,.0f texts/s (%.1f%% "
                            + "of events); late-dead-lettered: %,.0f%n", feedback, pipeline * feedback
                            / (loaded + feedback), 100.0 * feedback / (loaded + feedback),
                            metrics.count("insight.dlq.writes", "reason", "late_event"));
                }
                if (raw != null) {
                    System.out.printf(Locale.ROOT, "pipeline / raw consumer:        %10.2f%n", pipeline / raw.rate());
                    System.out.printf(Locale.ROOT, "pipeline / Kafka Streams floor: %10.2f%n",
                            pipeline / baseline.rate());
                }
                double scorings = metrics.registry().find("insight.churn.scoring").timers().stream()
                        .mapToDouble(io.micrometer.core.instrument.Timer::count).sum();
                System.out.printf(Locale.ROOT, "churn scorings per event: %.2f (quiet customers rescored by sweeps:"
                        + " %,.0f); profiles %s%n", scorings / loaded, metrics.total("insight.rescoring.customers"),
                        metrics.byTag("insight.profile.updates", "outcome"));
                System.out.printf(Locale.ROOT, "alerts during the bulk run: %,.0f; dead-lettered: %,.0f%n",
                        metrics.total("insight.alerts.emitted"), metrics.total("insight.dlq.writes"));
                BenchLatency.Result latency = BenchLatency.measure(config, producerProps(config), probes);
                System.out.printf(Locale.ROOT, "event-to-decision latency (profile, %d probes): p50 %.0f ms, "
                        + "p99 %.0f ms%n", latency.profileMs().size(), latency.profilePercentile(50),
                        latency.profilePercentile(99));
                System.out.printf(Locale.ROOT, "event-to-alert latency (%d probes that alerted): p50 %.0f ms, "
                        + "p99 %.0f ms%n", latency.alertMs().size(), latency.alertPercentile(50),
                        latency.alertPercentile(99));
            }
        }
        return 0;
    }

    /** One run of a contender, with its own application id (and so consumer group). */
    private interface Run<T> {
        T run(AppConfig config) throws Exception;
    }

    /** A contender's runs: the fastest (the figure reported), the last (still open), each one's rate and JIT share. */
    private record Runs<T>(T fastest, T last, List<String> runs) {
        String describe() {
            return "runs: " + String.join(", ", runs);
        }
    }

    /**
     * Runs a contender on the same events again and again until the JIT compiler was busy less than a tenth
     * of a run. On 2 cores with the broker in the same JVM, C2 compiles for minutes, and each contender's
     * code must be compiled for its own use: contenders in one JVM pollute each other's type profiles, so
     * warming all of them up before measuring any did not work (the pipeline, at 4% JIT after its own
     * warm-up, ran at 39% JIT once the other two had run in between). Each contender is reported by its
     * fastest run, the one least disturbed by the compiler.
     */
    private <T> Runs<T> steady(AppConfig config, Run<T> contender, ToDoubleFunction<T> rate,
                               ToDoubleFunction<T> jitShare, Consumer<T> close) throws Exception {
        List<String> described = new ArrayList<>();
        T fastest = null;
        T last = null;
        for (int i = 1; i <= maxRuns; i++) {
            if (last != null) {
                close.accept(last);
            }
            last = contender.run(config.with("application.id", "insight-bench-" + ++runs));
            described.add(String.format(Locale.ROOT, "%,.0f/s (JIT %.0f%%)", rate.applyAsDouble(last),
                    100 * jitShare.applyAsDouble(last)));
            if (fastest == null || rate.applyAsDouble(last) > rate.applyAsDouble(fastest)) {
                fastest = last;
            }
            if (jitShare.applyAsDouble(last) < 0.1) {
                break;
            }
        }
        return new Runs<>(fastest, last, described);
    }

    /** The pipeline, still running, the rate at which it consumed the events once running, and the JIT's share. */
    /**
     * @param processCpuNanosPerEvent the whole JVM's CPU per event: the stream threads plus the embedded broker,
     *                                the producers' senders, the garbage collector and the JIT compiler
     */
    private record PipelineRun(InsightApplication app, double rate, double cpuNanosPerEvent,
                               double processCpuNanosPerEvent, double jitShare)
            implements AutoCloseable {
        @Override
        public void close() {
            app.close();
        }
    }

    private static PipelineRun pipelineRate(AppConfig config, long expected) throws InterruptedException {
        InsightApplication app = InsightApplication.create(config);
        app.start();
        if (!app.awaitRunning(Duration.ofSeconds(120))) {
            app.close();
            throw new IllegalStateException("pipeline did not start");
        }
        long started = System.nanoTime();
        JitCompilation jit = JitCompilation.start();
        long cpuBefore = StreamThreadCpu.nanos(config.get("application.id"));
        long processBefore = StreamThreadCpu.processNanos();
        while (app.metrics().total("insight.events.consumed") < expected) {
            Thread.sleep(20);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return new PipelineRun(app, expected / seconds,
                (StreamThreadCpu.nanos(config.get("application.id")) - cpuBefore) / (double) expected,
                (StreamThreadCpu.processNanos() - processBefore) / (double) expected, jit.share());
    }


    /** @return the clickstream events and the feedback messages loaded */
    private long[] load(AppConfig config, long count, long seed) {
        long until = System.currentTimeMillis() - Duration.ofDays(1).toMillis();
        long start = until - Duration.ofDays(Math.max(30, count / (customers * 3L) + 1)).toMillis();
        ActivitySimulator sim = new ActivitySimulator(customers, start, until - start, 0.25, seed);
        List<SimulatedEvent> loaded = new ArrayList<>();
        long n = 0;
        while (n < count && sim.peekTime() <= until) {
            for (SimulatedEvent e : sim.nextSession()) {
                if (e.click() != null && n < count) {
                    loaded.add(e);
                    n++;
                } else if (e.feedback() != null && withFeedback && n < count) {
                    loaded.add(e);
                }
            }
        }
        if (inTimeOrder) {
            loaded.sort(Comparator.comparingLong(SimulatedEvent::timestamp));
        }
        long feedback = 0;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerProps(config),
                new StringSerializer(), new ByteArraySerializer())) {
            for (SimulatedEvent e : loaded) {
                if (e.click() != null) {
                    producer.send(new ProducerRecord<>(config.topic(TopicRole.CLICKSTREAM), null, e.timestamp(),
                            e.customerId(), EventSerdes.json().serialize(null, e.click())));
                } else {
                    for (int copy = 1; copy <= feedbackCopies; copy++) {
                        FeedbackEvent f = e.feedback();
                        FeedbackEvent sent = copy == 1 ? f : new FeedbackEvent(f.feedbackId() + "-" + copy,
                                f.customerId(), f.timestamp(), f.channel(), f.text(), f.rating(), f.language());
                        producer.send(new ProducerRecord<>(config.topic(TopicRole.FEEDBACK), null, e.timestamp(),
                                e.customerId(), EventSerdes.json().serialize(null, sent)));
                        feedback++;
                    }
                }
            }
        }
        return new long[] {n, feedback};
    }

    private static Map<String, Object> producerProps(AppConfig config) {
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.get("bootstrap.servers"));
        p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        return p;
    }

    private record RawRun(double rate, double jitShare) {
    }

    private static RawRun rawConsumerRate(AppConfig config, long expected) {
        EventParser parser = new EventParser(ContractLimits.defaults());
        Map<String, Object> p = new HashMap<>();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.get("bootstrap.servers"));
        p.put(ConsumerConfig.GROUP_ID_CONFIG, config.get("application.id") + "-raw");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        long n = 0;
        long started = System.nanoTime();
        JitCompilation jit = JitCompilation.start();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(config.topic(TopicRole.CLICKSTREAM)));
            while (n < expected) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    parser.parseClick(r.value());
                    n++;
                }
            }
        }
        return new RawRun(n / ((System.nanoTime() - started) / 1e9), jit.share());
    }
}
