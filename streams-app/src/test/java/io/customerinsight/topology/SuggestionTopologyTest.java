package io.customerinsight.topology;

import io.customerinsight.alerts.ChurnAlert;
import io.customerinsight.suggestions.ProductSuggestion;
import io.customerinsight.testing.SuggestionModels;
import io.customerinsight.testing.TopologyHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.customerinsight.testing.Events.DAY;
import static io.customerinsight.testing.Events.HOUR;
import static io.customerinsight.testing.Events.T0;
import static io.customerinsight.testing.Events.click;
import static io.customerinsight.testing.Events.productEvent;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An alert suggests the products the customer is likely to buy next, from the products they saw before the
 * alert's scoring point (a product seen after it does not leak in), without the ones they already have.
 */
class SuggestionTopologyTest {
    @TempDir
    Path dir;

    @Test
    void anAlertSuggestsWhatGoesWithTheCustomersRecentProducts() {
        try (var h = new TopologyHarness(Map.of(), SuggestionModels.write(dir, SuggestionModels.OUTDOOR, true))) {
            for (int d = 0; d < 5; d++) {
                h.click("c1", click("e" + d, "c1", "page_view", T0 + d * DAY, "s" + d));
            }
            h.click("c1", productEvent("v1", "c1", "product_view", T0 + 3 * DAY + HOUR, "s3", "tent"));
            h.click("c1", productEvent("v2", "c1", "add_to_cart", T0 + 4 * DAY + HOUR, "s4", "coat"));
            h.busy(T0 + 5 * DAY, T0 + 19 * DAY);

            List<ChurnAlert> alerts = h.alerts.readValuesToList().stream()
                    .filter(a -> a.customerId().equals("c1")).toList();
            assertThat(alerts).isNotEmpty();
            for (ChurnAlert alert : alerts) {
                // coat is the most recent (weight 1), tent before it (weight 0.5): scarf, gloves, stove, then hat
                assertThat(alert.suggestions()).extracting(ProductSuggestion::productId)
                        .containsExactly("scarf", "gloves", "stove", "hat");
                assertThat(alert.suggestions().get(0).score()).isEqualTo(0.6);
            }
        }
    }

    @Test
    void aCancellationsAlertSuggestsToo() {
        try (var h = new TopologyHarness(Map.of(), SuggestionModels.write(dir, SuggestionModels.OUTDOOR, true))) {
            h.click("c2", productEvent("v1", "c2", "product_view", T0, "s0", "tent"));
            h.click("c2", click("x", "c2", "subscription_cancel", T0 + HOUR, "s0"));
            List<ChurnAlert> alerts = h.alerts.readValuesToList();
            assertThat(alerts).singleElement().satisfies(a -> {
                assertThat(a.reason()).isEqualTo("cancelled");
                // the stove goes with the tent; the popular products fill the other places
                assertThat(a.suggestions()).extracting(ProductSuggestion::productId)
                        .containsExactly("stove", "hat", "coat", "scarf", "gloves");
            });
        }
    }

    @Test
    void withoutASuggestionModelAlertsCarryNone() {
        try (var h = new TopologyHarness()) {
            h.click("c3", productEvent("v1", "c3", "product_view", T0, "s0", "tent"));
            h.click("c3", click("x", "c3", "subscription_cancel", T0 + HOUR, "s0"));
            assertThat(h.alerts.readValuesToList()).singleElement()
                    .satisfies(a -> assertThat(a.suggestions()).isNullOrEmpty());
        }
    }
}
