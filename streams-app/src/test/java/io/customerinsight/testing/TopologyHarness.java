package io.customerinsight.testing;

import io.customerinsight.alerts.ChurnAlert;
import io.customerinsight.app.StreamsProperties;
import io.customerinsight.config.InsightConfig;
import io.customerinsight.config.TopicRole;
import io.customerinsight.events.ContractLimits;
import io.customerinsight.events.EventParser;
import io.customerinsight.events.EventSerdes;
import io.customerinsight.events.ScoredFeedback;
import io.customerinsight.features.FeatureSchema;
import io.customerinsight.lifecycle.LiveModels;
import io.customerinsight.ops.InsightMetrics;
import io.customerinsight.outcomes.AlertOutcome;
import io.customerinsight.profiles.CustomerProfile;
import io.customerinsight.scoring.ChurnExplainer;
import io.customerinsight.scoring.ChurnScorer;
import io.customerinsight.scoring.ComplaintTopicModel;
import io.customerinsight.scoring.ScoringModels;
import io.customerinsight.shadow.ShadowScore;
import io.customerinsight.shadow.ShadowScoring;
import io.customerinsight.suggestions.SuggestionModel;
import io.customerinsight.value.ValueModel;
import io.customerinsight.topology.InsightTopology;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The real topology on a TopologyTestDriver, with stand-in models and typed views of every topic. Settings
 * are the app's defaults, plus what the stand-in models need and what a test sets.
 */
public final class TopologyHarness implements AutoCloseable {
    /**
     * The stand-in churn model has no card to take thresholds from, and a small decoded-state cache runs
     * every topology test's customers through eviction and reload.
     */
    public static final Map<String, String> STAND_IN = Map.of(
            InsightConfig.RISK_MEDIUM, "0.5",
            InsightConfig.RISK_HIGH, "0.8",
            InsightConfig.STATE_CACHE_CUSTOMERS, "2");
    private static final String OWN_STATE_DIR_PREFIX = "insight-ttd-";
    public final InsightConfig config;
    public final Duration scoringDelay;
    private final Path stateDir;
    public final InsightMetrics metrics = InsightMetrics.standalone();
    public final RuleBasedChurnScorer churn = new RuleBasedChurnScorer();
    public final KeywordSentimentScorer sentiment = new KeywordSentimentScorer();
    /** the models the topology runs; a test installs a new generation as hot reload would */
    public final LiveModels models;
    public final Topology topology;
    public final TopologyTestDriver driver;
    public final TestInputTopic<String, byte[]> clicks;
    public final TestInputTopic<String, byte[]> feedback;
    public final TestOutputTopic<String, ChurnAlert> alerts;
    public final TestOutputTopic<String, CustomerProfile> profiles;
    public final TestOutputTopic<String, ScoredFeedback> scored;
    public final TestOutputTopic<byte[], byte[]> dlq;
    public final TestOutputTopic<String, ShadowScore> shadow;
    public final TestOutputTopic<String, AlertOutcome> outcomes;

    public TopologyHarness() {
        this(Map.of());
    }

    /** @param settings {@code insight.*} settings this test depends on, over the app's defaults */
    public TopologyHarness(Map<String, String> settings) {
        this(settings, freshStateDir());
    }

    /** @param stateDir where the stores live: a second harness on the same directory sees the first one's state */
    public TopologyHarness(Map<String, String> settings, Path stateDir) {
        this(settings, stateDir, null);
    }

    /** @param value a customer value model for the pipeline, or null for none */
    public TopologyHarness(Map<String, String> settings, ValueModel value) {
        this(settings, freshStateDir(), value);
    }

    /** @param suggestions a product suggestion model for the pipeline */
    public TopologyHarness(Map<String, String> settings, SuggestionModel suggestions) {
        this(settings, freshStateDir(), null,
                suggestions, null);
    }

    /** @param topics complaint topic models for the pipeline */
    public TopologyHarness(Map<String, String> settings, ComplaintTopicModel topics) {
        this(settings, freshStateDir(), null,
                null, topics);
    }

    private TopologyHarness(Map<String, String> settings, Path stateDir, ValueModel value) {
        this(settings, stateDir, value, null, null);
    }

    private TopologyHarness(Map<String, String> settings, Path stateDir, ValueModel value,
                            SuggestionModel suggestions, ComplaintTopicModel topics) {
        this.config = config(settings);
        this.scoringDelay = config.scoringMaxDelay();
        this.stateDir = stateDir;
        models = LiveModels.of(new ScoringModels(churn, new ChurnExplainer(churn, new float[FeatureSchema.size()]),
                sentiment, value, null, suggestions, topics));
        topology = InsightTopology.build(config, models, new EventParser(ContractLimits.defaults()
                .withMaxFutureSkew(config.futureTolerance())), metrics);
        Properties props = StreamsProperties.build(Map.of(StreamsConfig.APPLICATION_ID_CONFIG, "test",
                StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092"), config, metrics);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(topology, props);
        clicks = driver.createInputTopic(config.topic(TopicRole.CLICKSTREAM), new StringSerializer(),
                new ByteArraySerializer());
        feedback = driver.createInputTopic(config.topic(TopicRole.FEEDBACK), new StringSerializer(),
                new ByteArraySerializer());
        alerts = driver.createOutputTopic(config.topic(TopicRole.CHURN_ALERTS), new StringDeserializer(),
                EventSerdes.json(ChurnAlert.class).deserializer());
        profiles = driver.createOutputTopic(config.topic(TopicRole.CUSTOMER_PROFILES), new StringDeserializer(),
                EventSerdes.json(CustomerProfile.class).deserializer());
        scored = driver.createOutputTopic(config.topic(TopicRole.FEEDBACK_SCORED), new StringDeserializer(),
                EventSerdes.json(ScoredFeedback.class).deserializer());
        dlq = driver.createOutputTopic(config.topic(TopicRole.DEAD_LETTER), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        shadow = driver.createOutputTopic(config.topic(TopicRole.CHURN_SHADOW), new StringDeserializer(),
                EventSerdes.json(ShadowScore.class).deserializer());
        outcomes = driver.createOutputTopic(config.topic(TopicRole.ALERT_OUTCOMES), new StringDeserializer(),
                EventSerdes.json(AlertOutcome.class).deserializer());
    }

    /** A state directory of this harness's own, deleted when it closes. */
    private static Path freshStateDir() {
        return Path.of(System.getProperty("java.io.tmpdir"), OWN_STATE_DIR_PREFIX + System.nanoTime());
    }

    /** The app's defaults, the stand-in models' needs, then {@code settings}. */
    public static InsightConfig config(Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(STAND_IN);
        all.putAll(settings);
        return InsightConfig.of(all);
    }

    /** Pipes a clickstream record, then lets the scoring delay pass so that due customers are scored. */
    public void click(String key, String json) {
        clicks.pipeInput(key, json.getBytes(StandardCharsets.UTF_8));
        driver.advanceWallClockTime(scoringDelay);
    }

    /** Another customer, "busy", active every 6 hours from {@code from} to {@code to}: stream time moves on. */
    public void busy(long from, long to) {
        int i = 0;
        for (long t = from; t <= to; t += 6 * Events.HOUR) {
            click("busy", Events.click("b" + t, "busy", "page_view", t, "busy-" + (i++ / 4)));
        }
    }

    /** Pipes a feedback record, then lets the scoring delay pass so that due customers are scored. */
    public void feedback(String key, String json) {
        feedback.pipeInput(key, json.getBytes(StandardCharsets.UTF_8));
        driver.advanceWallClockTime(scoringDelay);
    }

    /** Installs a new churn model, the other models unchanged, as hot reload would. */
    public void installChurnModel(ChurnScorer next) {
        installChurnModel(next, null);
    }

    /** Installs a new churn model and a challenger scored in shadow (or none), as hot reload would. */
    public void installChurnModel(ChurnScorer next, ShadowScoring.Challenger challenger) {
        ScoringModels running = models.current().models();
        models.install(new ScoringModels(next, new ChurnExplainer(next, new float[FeatureSchema.size()]),
                running.sentiment(), running.value(), running.segments()), null, challenger);
    }

    @Override
    public void close() {
        driver.close();
        if (stateDir.getFileName().toString().startsWith(OWN_STATE_DIR_PREFIX)) {
            deleteRecursively(stateDir);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (NoSuchFileException gone) {
            // the driver removed it already
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
