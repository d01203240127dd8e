package io.customerinsight.app;

import io.customerinsight.config.AppConfig;
import io.customerinsight.config.PipelineSettings;
import io.customerinsight.config.StreamsProperties;
import io.customerinsight.events.ContractLimits;
import io.customerinsight.events.EventParser;
import io.customerinsight.ops.InsightMetrics;
import io.customerinsight.scoring.ModelLoader;
import io.customerinsight.scoring.ModelSource;
import io.customerinsight.scoring.OnnxChurnScorer;
import io.customerinsight.scoring.ScoringModels;
import io.customerinsight.topology.InsightTopology;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;

/** The running pipeline: models loaded and verified, topology built from configuration, Kafka Streams started. */
public final class InsightApplication implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(InsightApplication.class);

    private final AppConfig config;
    private final ScoringModels models;
    private final PipelineSettings settings;
    private final KafkaStreams streams;

    private InsightApplication(AppConfig config, ScoringModels models, PipelineSettings settings, KafkaStreams streams) {
        this.config = config;
        this.models = models;
        this.settings = settings;
        this.streams = streams;
    }

    public static ModelSource modelSource(AppConfig config) {
        String dir = config.get("insight.models.dir");
        return dir == null || dir.isBlank() ? ModelSource.bundled() : ModelSource.directory(Path.of(dir));
    }

    public static ModelLoader.SentimentEngine sentimentEngine(AppConfig config) {
        return ModelLoader.SentimentEngine.valueOf(config.get("insight.sentiment.engine", "encoder")
                .toUpperCase(Locale.ROOT));
    }

    /** Loads the models (refusing bad ones with an actionable message) and builds the topology. */
    public static InsightApplication create(AppConfig config, InsightMetrics metrics) {
        ModelSource source = modelSource(config);
        ScoringModels models = ModelLoader.load(source, sentimentEngine(config));
        OnnxChurnScorer churn = (OnnxChurnScorer) models.churn();
        PipelineSettings settings = config.pipelineSettings(ModelLoader.thresholds(churn.card(),
                Double.parseDouble(config.get("insight.risk.hysteresis", "0.05"))));
        Topology topology = InsightTopology.build(settings, models, new EventParser(ContractLimits.defaults()), metrics);
        Properties props = StreamsProperties.build(config.kafkaSettings(), settings.topics(), metrics);
        log.info("loaded churn model {} {} and sentiment model {} {} from {}", churn.name(), churn.version(),
                models.sentiment().name(), models.sentiment().version(), source.describe());
        return new InsightApplication(config, models, settings, new KafkaStreams(topology, props));
    }

    public void start() {
        streams.setUncaughtExceptionHandler(e -> {
            log.error("stream thread failed; replacing it", e);
            return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse
                    .REPLACE_THREAD;
        });
        streams.start();
    }

    public KafkaStreams streams() {
        return streams;
    }

    public ScoringModels models() {
        return models;
    }

    public PipelineSettings settings() {
        return settings;
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
        streams.close(Duration.ofSeconds(30));
        models.close();
    }
}
