package io.customerinsight.testing;

import io.customerinsight.alerts.AlertPolicy;
import io.customerinsight.alerts.ChurnAlert;
import io.customerinsight.alerts.RiskLevel;
import io.customerinsight.alerts.RiskThresholds;
import io.customerinsight.config.PipelineSettings;
import io.customerinsight.config.StreamsProperties;
import io.customerinsight.config.TopicNames;
import io.customerinsight.events.ContractLimits;
import io.customerinsight.events.EventParser;
import io.customerinsight.events.EventSerdes;
import io.customerinsight.events.ScoredFeedback;
import io.customerinsight.features.FeatureSchema;
import io.customerinsight.ops.InsightMetrics;
import io.customerinsight.profiles.CustomerProfile;
import io.customerinsight.scoring.ChurnExplainer;
import io.customerinsight.scoring.ScoringModels;
import io.customerinsight.topology.InsightTopology;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

/** The real topology on a TopologyTestDriver, with stand-in models and typed views of every topic. */
public final class TopologyHarness implements AutoCloseable {
    public static final Duration SCORING_DELAY = Duration.ofMillis(100);
    /** small, so that every topology test also runs customers through eviction and reload */
    public static final int CACHED_CUSTOMERS = 2;
    public final TopicNames topics = TopicNames.defaults();
    public final InsightMetrics metrics = InsightMetrics.standalone();
    public final RuleBasedChurnScorer churn = new RuleBasedChurnScorer();
    public final TopologyTestDriver driver;
    public final TestInputTopic<String, byte[]> clicks;
    public final TestInputTopic<String, byte[]> feedback;
    public final TestOutputTopic<String, ChurnAlert> alerts;
    public final TestOutputTopic<String, CustomerProfile> profiles;
    public final TestOutputTopic<String, ScoredFeedback> scored;
    public final TestOutputTopic<byte[], byte[]> dlq;

    public TopologyHarness() {
        this(settings(TopicNames.defaults()));
    }

    public TopologyHarness(PipelineSettings settings) {
        this(settings, Path.of(System.getProperty("java.io.tmpdir"), "insight-ttd-" + System.nanoTime()));
    }

    /** @param stateDir where the stores live: a second harness on the same directory sees the first one's state */
    public TopologyHarness(PipelineSettings settings, Path stateDir) {
        var models = new ScoringModels(churn, new ChurnExplainer(churn, new float[FeatureSchema.size()]),
                new KeywordSentimentScorer());
        var topology = InsightTopology.build(settings, models, new EventParser(ContractLimits.defaults()), metrics);
        Properties props = StreamsProperties.build(Map.of(StreamsConfig.APPLICATION_ID_CONFIG, "test",
                StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092"), topics, metrics);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(topology, props);
        clicks = driver.createInputTopic(topics.clickstream(), new StringSerializer(), new ByteArraySerializer());
        feedback = driver.createInputTopic(topics.feedback(), new StringSerializer(), new ByteArraySerializer());
        alerts = driver.createOutputTopic(topics.churnAlerts(), new StringDeserializer(),
                EventSerdes.json(ChurnAlert.class).deserializer());
        profiles = driver.createOutputTopic(topics.customerProfiles(), new StringDeserializer(),
                EventSerdes.json(CustomerProfile.class).deserializer());
        scored = driver.createOutputTopic(topics.feedbackScored(), new StringDeserializer(),
                EventSerdes.json(ScoredFeedback.class).deserializer());
        dlq = driver.createOutputTopic(topics.deadLetter(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    public static PipelineSettings settings(TopicNames topics) {
        return settings(topics, Duration.ZERO);
    }

    public static PipelineSettings settings(TopicNames topics, Duration minHistory) {
        return settings(topics, minHistory, 256);
    }

    public static PipelineSettings settings(TopicNames topics, Duration minHistory, int scoringBatch) {
        return new PipelineSettings(topics,
                new AlertPolicy(new RiskThresholds(0.5, 0.8, 0.05), Duration.ofDays(7), RiskLevel.MEDIUM),
                Duration.ofHours(1), Duration.ofMinutes(1), Duration.ofHours(6), 1000,
                Duration.ofDays(90), -0.6, 2000, 3, minHistory, scoringBatch, SCORING_DELAY,
                Duration.ofHours(6), CACHED_CUSTOMERS);
    }

    /** Pipes a clickstream record, then lets the scoring delay pass so that due customers are scored. */
    public void click(String key, String json) {
        clicks.pipeInput(key, json.getBytes(StandardCharsets.UTF_8));
        driver.advanceWallClockTime(SCORING_DELAY);
    }

    /** Pipes a feedback record, then lets the scoring delay pass so that due customers are scored. */
    public void feedback(String key, String json) {
        feedback.pipeInput(key, json.getBytes(StandardCharsets.UTF_8));
        driver.advanceWallClockTime(SCORING_DELAY);
    }

    @Override
    public void close() {
        driver.close();
    }
}
