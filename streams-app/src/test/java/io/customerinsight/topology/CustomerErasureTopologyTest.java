package io.customerinsight.topology;

import io.customerinsight.alerts.ChurnAlert;
import io.customerinsight.deadletter.DeadLetterRecords;
import io.customerinsight.profiles.CustomerProfile;
import io.customerinsight.testing.TopologyHarness;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.customerinsight.testing.Events.DAY;
import static io.customerinsight.testing.Events.HOUR;
import static io.customerinsight.testing.Events.MINUTE;
import static io.customerinsight.testing.Events.T0;
import static io.customerinsight.testing.Events.click;
import static io.customerinsight.testing.Events.feedback;
import static io.customerinsight.testing.Events.purchase;
import static io.customerinsight.topology.DeadLetterTopologyTest.header;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A customer's request to be forgotten (the right to erasure): a tombstone keyed by the customer id on the
 * clickstream topic. Before, it was dead-lettered as a record without a value, and nothing could erase a
 * customer short of a year of silence.
 */
class CustomerErasureTopologyTest {

    @Test
    void aTombstoneKeyedByTheCustomerErasesTheirStateAndProfileAndNothingOfThemIsPublishedAfter() {
        try (var h = new TopologyHarness()) {
            var store = h.driver.<String, Object>getKeyValueStore("customer-state");
            h.click("gone", purchase("p1", "gone", T0, "s1", 80));
            h.feedback("gone", feedback("f1", "gone", T0 + MINUTE, "review", "terrible, never again", 1));
            h.click("kept", click("k1", "kept", "page_view", T0, "s2"));
            h.busy(T0 + HOUR, T0 + DAY);
            assertThat(store.get("gone")).isNotNull();
            assertThat(profilesOf(h, "gone")).isNotEmpty();
            h.alerts.readValuesToList();

            // three support contacts: a snapshot of "gone" is taken at the next record and waits for the model
            for (int i = 0; i < 3; i++) {
                h.clicks.pipeInput("gone", click("c" + i, "gone", "support_contact", T0 + DAY + i * MINUTE, "s3")
                        .getBytes());
            }
            h.clicks.pipeInput("kept", click("k2", "kept", "page_view", T0 + DAY + HOUR, "s2").getBytes());
            h.clicks.pipeInput("gone", (byte[]) null);
            h.driver.advanceWallClockTime(h.scoringDelay);

            assertThat(store.get("gone")).isNull();
            assertThat(store.get("kept")).isNotNull();
            List<KeyValue<String, CustomerProfile>> erased = profilesOf(h, "gone");
            assertThat(erased).hasSize(1);
            assertThat(erased.get(0).value).as("a tombstone on the compacted profile topic").isNull();
            assertThat(h.alerts.readValuesToList()).extracting(ChurnAlert::customerId).doesNotContain("gone");
            assertThat(h.dlq.isEmpty()).isTrue();
            assertThat(h.metrics.total("insight.customers.erased")).isEqualTo(1.0);

            // silence no longer brings the customer back for quiet rescoring
            h.busy(T0 + DAY + 2 * HOUR, T0 + 10 * DAY);
            assertThat(profilesOf(h, "gone")).isEmpty();
            assertThat(h.alerts.readValuesToList()).extracting(ChurnAlert::customerId).doesNotContain("gone");

            // a later event starts a new customer that knows nothing of the erased one
            h.click("gone", click("n1", "gone", "page_view", T0 + 10 * DAY + HOUR, "s4"));
            h.busy(T0 + 10 * DAY + 2 * HOUR, T0 + 10 * DAY + 8 * HOUR);
            List<KeyValue<String, CustomerProfile>> fresh = profilesOf(h, "gone");
            CustomerProfile profile = fresh.get(fresh.size() - 1).value;
            assertThat(profile.firstSeenAt()).isEqualTo(T0 + 10 * DAY + HOUR);
            assertThat(profile.lastPurchaseAt()).isNull();
            assertThat(profile.sentiment().feedback30d()).isZero();
        }
    }

    @Test
    void aTombstoneWithoutAKeyOrOnTheFeedbackTopicIsDeadLetteredSayingHowToErase() {
        try (var h = new TopologyHarness()) {
            h.click("c1", click("e1", "c1", "page_view", T0, "s1"));
            h.clicks.pipeInput((String) null, (byte[]) null);
            h.feedback.pipeInput("c1", (byte[]) null);
            h.click("c1", click("e2", "c1", "page_view", T0 + HOUR, "s1"));

            var dead = h.dlq.readRecordsToList();
            assertThat(dead).extracting(r -> header(r, DeadLetterRecords.REASON))
                    .containsExactly("missing_field", "missing_field");
            assertThat(header(dead.get(0), DeadLetterRecords.MESSAGE)).contains("customer id as its key");
            assertThat(header(dead.get(1), DeadLetterRecords.MESSAGE)).contains("clickstream");
            assertThat(h.driver.getKeyValueStore("customer-state").get("c1")).isNotNull();
            assertThat(h.metrics.total("insight.customers.erased")).isZero();
        }
    }

    private static List<KeyValue<String, CustomerProfile>> profilesOf(TopologyHarness h, String customerId) {
        return h.profiles.readKeyValuesToList().stream().filter(kv -> kv.key.equals(customerId)).toList();
    }
}
