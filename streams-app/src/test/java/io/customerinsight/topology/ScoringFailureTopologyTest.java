package io.customerinsight.topology;

import io.customerinsight.config.InsightConfig;
import io.customerinsight.deadletter.DeadLetterRecords;
import io.customerinsight.features.FeatureSchema;
import io.customerinsight.testing.TopologyHarness;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static io.customerinsight.testing.Events.MINUTE;
import static io.customerinsight.testing.Events.T0;
import static io.customerinsight.testing.Events.click;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A scoring failure inside a wall-clock sweep costs only the customer concerned: dead-lettered with its id,
 * the model version and the reason, retried later; the other customers of the sweep are scored, and
 * nothing escapes to the stream thread.
 */
class ScoringFailureTopologyTest {
    private static final int SUPPORT = FeatureSchema.indexOf("support_contacts_7d");

    @Test
    void onlyThePoisonedCustomerIsDeadLetteredTheOthersAreScored() {
        try (var h = new TopologyHarness(Map.of(InsightConfig.RESCORE_MIN_INTERVAL, "1m"))) {
            h.churn.failWhen = row -> row[SUPPORT] > 0;
            h.clicks.pipeInput("ok-1", bytes(click("e1", "ok-1", "page_view", T0, "s1")));
            h.clicks.pipeInput("poison", bytes(click("e2", "poison", "support_contact", T0 + 1, "s2")));
            h.clicks.pipeInput("ok-2", bytes(click("e3", "ok-2", "page_view", T0 + 2, "s3")));
            h.driver.advanceWallClockTime(h.scoringDelay); // one sweep of all three: the batch call fails

            assertThat(h.profiles.readKeyValuesToMap()).containsOnlyKeys("ok-1", "ok-2");
            var dead = h.dlq.readRecordsToList();
            assertThat(dead).hasSize(1);
            assertThat(header(dead.get(0), DeadLetterRecords.REASON)).isEqualTo("scoring_failed");
            assertThat(header(dead.get(0), DeadLetterRecords.CUSTOMER_ID)).isEqualTo("poison");
            assertThat(header(dead.get(0), DeadLetterRecords.MODEL_VERSION)).isEqualTo("test");
            assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8))
                    .contains("\"customerId\":\"poison\"").contains("\"schemaVersion\":1");
            assertThat(h.metrics.count("insight.dlq.writes", "reason", "scoring_failed")).isEqualTo(1);

            // not retried at every punctuation: only once the minimum interval of event time has passed
            for (int i = 0; i < 20; i++) {
                h.driver.advanceWallClockTime(h.scoringDelay);
            }
            assertThat(h.dlq.isEmpty()).isTrue();
            h.click("ok-1", click("e4", "ok-1", "page_view", T0 + 2 * MINUTE, "s4"));
            assertThat(h.dlq.readRecordsToList()).hasSize(1);

            // the model recovers: the customer is scored at its next retry
            h.churn.failWhen = row -> false;
            h.click("ok-1", click("e5", "ok-1", "page_view", T0 + 4 * MINUTE, "s5"));
            assertThat(h.profiles.readKeyValuesToMap()).containsKey("poison");
        }
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static String header(org.apache.kafka.streams.test.TestRecord<byte[], byte[]> r, String key) {
        return DeadLetterTopologyTest.header(r, key);
    }
}
