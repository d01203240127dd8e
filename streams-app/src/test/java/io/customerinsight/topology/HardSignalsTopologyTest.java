package io.customerinsight.topology;

import io.customerinsight.alerts.RiskLevel;
import io.customerinsight.app.StreamsProperties;
import io.customerinsight.config.InsightConfig;
import io.customerinsight.config.TopicRole;
import io.customerinsight.events.ContractLimits;
import io.customerinsight.events.EventParser;
import io.customerinsight.events.EventSerdes;
import io.customerinsight.ops.InsightMetrics;
import io.customerinsight.profiles.CustomerProfile;
import io.customerinsight.scoring.ModelLoader;
import io.customerinsight.scoring.ModelSource;
import io.customerinsight.scoring.ScoringModels;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import static io.customerinsight.testing.Events.DAY;
import static io.customerinsight.testing.Events.HOUR;
import static io.customerinsight.testing.Events.MINUTE;
import static io.customerinsight.testing.Events.T0;
import static io.customerinsight.testing.Events.click;
import static io.customerinsight.testing.Events.feedback;
import static io.customerinsight.testing.Events.purchase;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bundled churn model with the thresholds of its card, not a stand-in: complaints raise the risk. Two
 * customers visit every day for 43 days; over the last three, one of them also contacts support three times
 * and writes two furious reviews (English and Chinese), without cancelling. Silence cannot explain a score
 * here: the angry one must reach at least {@code medium} on the complaints alone, the steady one stay
 * {@code low}.
 */
class HardSignalsTopologyTest {

    @Test
    void anAngryComplainingCustomerReachesMediumWhileASteadyOneStaysLow() throws Exception {
        InsightMetrics metrics = InsightMetrics.standalone();
        InsightConfig config = InsightConfig.of(Map.of(InsightConfig.SENTIMENT_ENGINE, "fast"));
        try (ScoringModels models = ModelLoader.load(ModelSource.bundled(), ModelLoader.SentimentEngine.FAST)) {
            Properties props = StreamsProperties.build(Map.of(StreamsConfig.APPLICATION_ID_CONFIG, "hard-signals",
                    StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092"), config, metrics);
            props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("hard-signals").toString());
            try (TopologyTestDriver driver = new TopologyTestDriver(InsightTopology.build(config, models,
                    new EventParser(ContractLimits.defaults()), metrics), props)) {
                TestInputTopic<String, byte[]> clicks = driver.createInputTopic(config.topic(TopicRole.CLICKSTREAM),
                        new StringSerializer(), new ByteArraySerializer());
                TestInputTopic<String, byte[]> reviews = driver.createInputTopic(config.topic(TopicRole.FEEDBACK),
                        new StringSerializer(), new ByteArraySerializer());
                String[] furious = {"Terrible, the worst service I have ever had. Broken on arrival and nobody answers.",
                        "太差了，质量很烂，客服根本不理人，再也不会买了"};
                for (int d = 0; d < 43; d++) {
                    long t = T0 + d * DAY + 10 * HOUR;
                    for (String c : new String[] {"angry", "steady"}) {
                        clicks.pipeInput(c, bytes(click("v" + d + c, c, "page_view", t, c + d)));
                        clicks.pipeInput(c, bytes(click("p" + d + c, c, "product_view", t + MINUTE, c + d)));
                        if (d % 5 == 0) {
                            clicks.pipeInput(c, bytes(purchase("b" + d + c, c, t + 2 * MINUTE, c + d, 60.0)));
                        }
                    }
                    if (d >= 40) {
                        clicks.pipeInput("angry", bytes(click("s" + d, "angry", "support_contact", t + 2 * HOUR,
                                "angry" + d)));
                    }
                    if (d >= 41) {
                        reviews.pipeInput("angry", bytes(feedback("f" + d, "angry", t + 3 * HOUR, "review",
                                furious[d - 41], 1)));
                    }
                }
                clicks.pipeInput("steady", bytes(click("z", "steady", "page_view", T0 + 42 * DAY + 14 * HOUR, "z")));
                driver.advanceWallClockTime(Duration.ofSeconds(1));
                driver.advanceWallClockTime(Duration.ofSeconds(1));

                Map<String, CustomerProfile> profiles = driver.createOutputTopic(
                        config.topic(TopicRole.CUSTOMER_PROFILES), new StringDeserializer(),
                        EventSerdes.json(CustomerProfile.class).deserializer()).readKeyValuesToMap();
                assertThat(profiles.get("angry").riskLevel()).as("angry: score %s", profiles.get("angry").churnScore())
                        .isIn(RiskLevel.MEDIUM, RiskLevel.HIGH);
                assertThat(profiles.get("steady").riskLevel()).as("steady: score %s",
                        profiles.get("steady").churnScore()).isEqualTo(RiskLevel.LOW);
                // the bundled segment model places both in a named behavioural cluster
                for (CustomerProfile p : profiles.values()) {
                    assertThat(p.cluster()).isNotNull();
                    assertThat(p.cluster().name()).isEqualTo(models.segments().name(p.cluster().id()));
                }
            }
        }
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
