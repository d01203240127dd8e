package io.customerinsight.topology;

import io.customerinsight.events.ScoredFeedback;
import io.customerinsight.profiles.CustomerProfile;
import io.customerinsight.testing.TopologyHarness;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.customerinsight.testing.Events.HOUR;
import static io.customerinsight.testing.Events.T0;
import static io.customerinsight.testing.Events.click;
import static io.customerinsight.testing.Events.feedback;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A record delivered twice (a producer's retry, a batch sent again, the same record keyed and unkeyed) is
 * counted once: a customer does not look twice as angry, or spend twice as much, because of how a producer
 * delivered.
 */
class DuplicateDeliveryTopologyTest {
    private static String purchase(String id, long ts) {
        return "{\"eventId\":\"" + id + "\",\"customerId\":\"c1\",\"type\":\"purchase\",\"timestamp\":" + ts
                + ",\"sessionId\":\"s1\",\"amount\":100}";
    }

    @Test
    void aClickOrFeedbackDeliveredAgainIsCountedOnceAndAnotherWithTheSameContentIsCounted() {
        try (var h = new TopologyHarness()) {
            h.click("c1", click("e0", "c1", "page_view", T0, "s1"));
            h.click("c1", purchase("p1", T0 + HOUR));
            h.click("c1", purchase("p1", T0 + HOUR));
            h.click(null, purchase("p1", T0 + HOUR)); // the same record again, unkeyed: re-keyed, then known
            h.click("c1", purchase("p2", T0 + HOUR)); // another purchase that looks the same: counted
            String angry = feedback("f1", "c1", T0 + 2 * HOUR, "review", "Terrible service, awful", 1);
            h.feedback("c1", angry);
            h.feedback("c1", angry);
            h.busy(T0 + 3 * HOUR, T0 + 2 * 24 * HOUR);

            assertThat(h.scored.readValuesToList()).extracting(ScoredFeedback::feedbackId).containsExactly("f1");
            Map<String, CustomerProfile> profiles = h.profiles.readKeyValuesToMap();
            CustomerProfile c1 = profiles.get("c1");
            assertThat(c1.summary()).containsEntry("purchases_30d", 2.0).containsEntry("spend_30d", 200.0);
            assertThat(c1.sentiment().feedback30d()).isEqualTo(1);
            assertThat(c1.sentiment().negative30d()).isEqualTo(1);
            assertThat(h.metrics.registry().find("insight.duplicates.dropped").tag("input", "clickstream")
                    .counter().count()).isEqualTo(2);
            assertThat(h.metrics.registry().find("insight.duplicates.dropped").tag("input", "feedback")
                    .counter().count()).isEqualTo(1);
            assertThat(h.dlq.isEmpty()).as("a duplicate is not an error").isTrue();
        }
    }
}
