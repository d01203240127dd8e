package io.customerinsight.app;

import io.customerinsight.config.AppConfig;
import io.customerinsight.config.InsightConfig;
import io.customerinsight.customer.CustomerStage;
import io.customerinsight.lifecycle.Challengers;
import io.customerinsight.lifecycle.LiveModels;
import io.customerinsight.lifecycle.ModelCheck;
import io.customerinsight.lifecycle.ModelReloader;
import io.customerinsight.customer.LocalProfileReader;
import io.customerinsight.drift.DriftMonitor;
import io.customerinsight.drift.SentimentDrift;
import io.customerinsight.events.ContractLimits;
import io.customerinsight.events.EventParser;
import io.customerinsight.kafka.EventTimeMergingClientSupplier;
import io.customerinsight.config.TopicRole;
import io.customerinsight.ops.InsightMetrics;
import io.customerinsight.scoring.ModelLoader;
import io.customerinsight.scoring.ModelSource;
import io.customerinsight.scoring.ChurnScorer;
import io.customerinsight.ops.Health;
import io.customerinsight.ops.PrometheusMetrics;
import io.customerinsight.http.OpsHttpServer;
import io.customerinsight.query.CustomerLookup;
import io.customerinsight.customer.LocalProfileReader;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import io.customerinsight.scoring.ScoringModels;
import io.customerinsight.shadow.ShadowScoring;
import io.customerinsight.topology.InsightTopology;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** The running pipeline: models loaded and verified, topology built from configuration, Kafka Streams started. */
public final class InsightApplication implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(InsightApplication.class);
    /** records a partition may hold while its task waits for another input, before its fetching pauses */
    private static final int MAX_HELD_PER_PARTITION = 2_000;

    private final AppConfig config;
    private final LiveModels models;
    /** hot reload of the model directory, or null (bundled models, or turned off) */
    private final ModelReloader reloader;
    private ScheduledExecutorService reloads;
    private final LocalProfileReader profiles;
    private final KafkaStreams streams;
    private final PrometheusMetrics prometheus;
    private final InsightMetrics metrics;
    private OpsHttpServer http;
    /** true from start-up (create() refuses to build without verified models) until close() releases them */
    private volatile boolean modelsLoaded = true;

    private InsightApplication(AppConfig config, LiveModels models, CustomerStage stage, ModelReloader reloader,
                               KafkaStreams streams, PrometheusMetrics prometheus, InsightMetrics metrics) {
        this.config = config;
        this.models = models;
        this.reloader = reloader;
        this.profiles = stage.profileReader(streams);
        this.streams = streams;
        this.prometheus = prometheus;
        this.metrics = metrics;
    }

    public static ModelSource modelSource(InsightConfig config) {
        String dir = config.modelsDir();
        return dir == null || dir.isBlank() ? ModelSource.bundled() : ModelSource.directory(Path.of(dir));
    }

    /**
     * Loads the models (refusing bad ones with an actionable message), builds the topology and the
     * Prometheus registry that every meter of the instance goes to.
     */
    public static InsightApplication create(AppConfig config) {
        InsightConfig insight = config.insight();
        ModelSource source = modelSource(insight);
        ScoringModels loaded = ModelLoader.load(source, ModelLoader.SentimentEngine.of(insight.sentimentEngine()));
        PrometheusMetrics prometheus = new PrometheusMetrics();
        ScoringModels models = new ScoringModels(loaded.churn(), loaded.explainer(), new SentimentDrift(
                loaded.sentiment(), prometheus.registry(), insight.driftWindow(), insight.driftMinScorings(),
                System::currentTimeMillis), loaded.value(), loaded.segments(), loaded.suggestions(),
                loaded.topics());
        ChurnScorer churn = models.churn();
        InsightMetrics metrics = prometheus.insightMetrics();
        DriftMonitor drift = DriftMonitor.register(churn.card(), prometheus.registry(),
                insight.driftWindow(), insight.driftMinScorings(), insight.driftSampleOneIn(),
                System::currentTimeMillis);
        ShadowScoring.Challenger challenger = Challengers.load(source, prometheus.registry());
        ModelCheck.verify(challenger);
        LiveModels live = LiveModels.of(models, drift, challenger);
        CustomerStage stage = new CustomerStage(insight, live, metrics); // loads and checks the playbook, once
        EventParser parser = new EventParser(ContractLimits.defaults().withMaxFutureSkew(insight.futureTolerance()));
        Topology topology = InsightTopology.build(insight, live, stage, parser, metrics);
        Properties props = StreamsProperties.build(config.kafkaSettings(), insight, metrics);
        log.info("loaded churn model {} {} and sentiment model {} {} from {}", churn.name(), churn.version(),
                models.sentiment().name(), models.sentiment().version(), source.describe());
        KafkaStreams streams = insight.mergeInConsumer()
                ? new KafkaStreams(topology, props, new EventTimeMergingClientSupplier(
                        Set.of(insight.topic(TopicRole.CLICKSTREAM), insight.topic(TopicRole.FEEDBACK)), parser,
                        MAX_HELD_PER_PARTITION))
                : new KafkaStreams(topology, props);
        prometheus.bind(streams);
        prometheus.modelInfo(models, live.current().number());
        ModelReloader reloader = source.isDirectory() && !insight.modelsReloadInterval().isZero()
                ? new ModelReloader(Path.of(insight.modelsDir()), insight, prometheus.registry(), metrics, live,
                        g -> prometheus.modelInfo(g.models(), g.number()))
                : null;
        return new InsightApplication(config, live, stage, reloader, streams, prometheus, metrics);
    }

    /** Starts the HTTP endpoints (unless {@code insight.http.enabled=false}), then Kafka Streams. */
    public void start() {
        if (config.insight().httpEnabled()) {
            startHttp();
        }
        streams.setUncaughtExceptionHandler(new ThreadReplacementPolicy(config.insight().maxThreadReplacements(),
                config.insight().threadReplacementWindow(), System::currentTimeMillis, metrics));
        streams.start();
        if (reloader != null) {
            long every = config.insight().modelsReloadInterval().toMillis();
            reloads = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "insight-model-reloader");
                t.setDaemon(true);
                return t;
            });
            reloads.scheduleWithFixedDelay(this::checkModels, every, every, TimeUnit.MILLISECONDS);
        }
    }

    private void checkModels() {
        try {
            reloader.poll();
        } catch (RuntimeException e) {
            log.warn("checking the model directory for new models failed; the running models stay", e);
        }
    }

    private void startHttp() {
        String server = config.get(StreamsConfig.APPLICATION_SERVER_CONFIG);
        HostInfo self = server == null || server.isBlank() ? null : HostInfo.buildFromEndpoint(server);
        CustomerLookup lookup = new CustomerLookup(streams, profiles, self);
        InetSocketAddress address = new InetSocketAddress(config.insight().httpHost(), config.insight().httpPort());
        try {
            http = OpsHttpServer.start(address, prometheus::scrape, this::health, lookup,
                    ContractLimits.defaults(), config.insight().httpCustomersToken(),
                    prometheus.registry());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the HTTP port " + address
                    + " (set insight.http.port, or insight.http.enabled=false)", e);
        }
    }

    public Health health() {
        return new Health(streams.state(), modelsLoaded, brokerConnections(), config.get("bootstrap.servers"));
    }

    /** Open connections of this instance's Kafka clients, from their own metrics. */
    private int brokerConnections() {
        double connections = 0;
        for (var metric : streams.metrics().entrySet()) {
            if (metric.getKey().name().equals("connection-count")
                    && metric.getValue().metricValue() instanceof Number n) {
                connections += n.doubleValue();
            }
        }
        return (int) connections;
    }

    /** The bound HTTP port, or -1 when the endpoints are off. */
    public int httpPort() {
        return http == null ? -1 : http.port();
    }

    public InsightMetrics metrics() {
        return metrics;
    }

    public PrometheusMetrics prometheus() {
        return prometheus;
    }

    public KafkaStreams streams() {
        return streams;
    }

    /** The models this instance runs now (hot reload may replace them). */
    public ScoringModels models() {
        return models.current().models();
    }

    /** Hot reload of the model directory, or null when the models are bundled or reload is off. */
    public ModelReloader reloader() {
        return reloader;
    }

    /** This instance's profiles, read from its own customer store. */
    public LocalProfileReader profileReader() {
        return profiles;
    }

    public AppConfig config() {
        return config;
    }

    /** Waits until the Streams state is RUNNING; false on timeout or failure. */
    public boolean awaitRunning(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            KafkaStreams.State s = streams.state();
            if (s == KafkaStreams.State.RUNNING) {
                return true;
            }
            if (s == KafkaStreams.State.ERROR || s == KafkaStreams.State.NOT_RUNNING) {
                return false;
            }
            Thread.sleep(50);
        }
        return false;
    }

    @Override
    public void close() {
        if (reloads != null) {
            reloads.shutdownNow();
        }
        if (http != null) {
            http.close();
        }
        // Leaving the group hands this instance's tasks to the others at once (scale-down); staying in it
        // (the Streams default) avoids two rebalances when the instance comes straight back (rolling restart).
        boolean leave = config.insight().leaveGroupOnShutdown();
        streams.close(CloseOptions.timeout(Duration.ofSeconds(30)).withGroupMembershipOperation(leave
                ? CloseOptions.GroupMembershipOperation.LEAVE_GROUP
                : CloseOptions.GroupMembershipOperation.REMAIN_IN_GROUP));
        modelsLoaded = false;
        models.close();
        prometheus.close();
    }
}
