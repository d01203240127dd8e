package io.customerinsight.topology;

import io.customerinsight.profiles.CustomerProfile;
import io.customerinsight.testing.RuleBasedChurnScorer;
import io.customerinsight.testing.TopologyHarness;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.customerinsight.testing.Events.MINUTE;
import static io.customerinsight.testing.Events.T0;
import static io.customerinsight.testing.Events.click;
import static org.assertj.core.api.Assertions.assertThat;

/** A new churn model installed while the topology runs, as hot reload installs one. */
class ModelSwapTopologyTest {
    @Test
    void scoringsBeforeTheSwapCarryTheOldVersionAndScoringsAfterItTheNewOne() {
        try (var h = new TopologyHarness()) {
            h.click("c1", click("e1", "c1", "page_view", T0, "s1"));
            h.click("c2", click("e2", "c2", "page_view", T0 + MINUTE, "s2"));
            List<CustomerProfile> before = h.profiles.readValuesToList();
            assertThat(before).extracting(CustomerProfile::customerId).containsExactly("c1", "c2");
            assertThat(before).extracting(CustomerProfile::modelVersion).containsOnly("test");

            h.installChurnModel(new RuleBasedChurnScorer("2"));
            assertThat(h.models.current().number()).isEqualTo(2);
            h.click("c1", click("e3", "c1", "add_to_cart", T0 + 10 * MINUTE, "s1"));
            h.click("c2", click("e4", "c2", "add_to_cart", T0 + 11 * MINUTE, "s2"));

            List<CustomerProfile> after = h.profiles.readValuesToList();
            assertThat(after).extracting(CustomerProfile::customerId).containsExactly("c1", "c2");
            assertThat(after).extracting(CustomerProfile::modelVersion).containsOnly("2");
            assertThat(h.dlq.isEmpty()).isTrue();
        }
    }
}
