package io.customerinsight.testing;

import io.customerinsight.app.StreamsProperties;
import io.customerinsight.config.InsightConfig;
import io.customerinsight.config.TopicRole;
import io.customerinsight.events.ContractLimits;
import io.customerinsight.events.EventParser;
import io.customerinsight.events.EventSerdes;
import io.customerinsight.ops.InsightMetrics;
import io.customerinsight.scoring.ModelLoader;
import io.customerinsight.scoring.ModelSource;
import io.customerinsight.scoring.ScoringModels;
import io.customerinsight.topology.InsightTopology;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import java.util.Properties;

/**
 * The real topology with the models bundled in the jar and the thresholds of their cards (the fast sentiment
 * engine), where the model's judgement is the subject of a test, not a stand-in's.
 */
public final class BundledTopology implements AutoCloseable {
    public final InsightMetrics metrics = InsightMetrics.standalone();
    public final InsightConfig config = InsightConfig.of(Map.of(InsightConfig.SENTIMENT_ENGINE, "fast"));
    public final ScoringModels models;
    public final TopologyTestDriver driver;
    private final TestInputTopic<String, byte[]> clicks;
    private final TestInputTopic<String, byte[]> feedback;

    public BundledTopology(String applicationId) throws IOException {
        models = ModelLoader.load(ModelSource.bundled(), ModelLoader.SentimentEngine.FAST);
        Properties props = StreamsProperties.build(Map.of(StreamsConfig.APPLICATION_ID_CONFIG, applicationId,
                StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092"), config, metrics);
        props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory(applicationId).toString());
        driver = new TopologyTestDriver(InsightTopology.build(config, models,
                new EventParser(ContractLimits.defaults()), metrics), props);
        clicks = driver.createInputTopic(config.topic(TopicRole.CLICKSTREAM), new StringSerializer(),
                new ByteArraySerializer());
        feedback = driver.createInputTopic(config.topic(TopicRole.FEEDBACK), new StringSerializer(),
                new ByteArraySerializer());
    }

    public void click(String customer, String json) {
        clicks.pipeInput(customer, json.getBytes(StandardCharsets.UTF_8));
    }

    public void feedback(String customer, String json) {
        feedback.pipeInput(customer, json.getBytes(StandardCharsets.UTF_8));
    }

    /** A typed view of an output topic. */
    public <V> TestOutputTopic<String, V> output(TopicRole role, Class<V> type) {
        return driver.createOutputTopic(config.topic(role), new StringDeserializer(),
                EventSerdes.json(type).deserializer());
    }

    @Override
    public void close() {
        driver.close();
        models.close();
    }
}
