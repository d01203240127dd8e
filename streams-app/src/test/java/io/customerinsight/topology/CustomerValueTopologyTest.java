package io.customerinsight.topology;

import io.customerinsight.config.InsightConfig;
import io.customerinsight.profiles.CustomerProfile;
import io.customerinsight.testing.TopologyHarness;
import io.customerinsight.value.CustomerValue;
import io.customerinsight.value.ValueModel;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.customerinsight.testing.Events.DAY;
import static io.customerinsight.testing.Events.T0;
import static io.customerinsight.testing.Events.click;
import static io.customerinsight.testing.Events.purchase;
import static org.assertj.core.api.Assertions.assertThat;

/** With a value model, profiles carry what each customer is expected to buy and spend, from their purchase days. */
class CustomerValueTopologyTest {
    private static final ValueModel MODEL = new ValueModel("value-test", 90,
            new ValueModel.BgNbd(0.79, 75.7, 0.8, 2.6), new ValueModel.GammaGamma(2.09, 3.49, 484.0));

    @Test
    void aRegularBuyerIsWorthMoreThanOneWhoBoughtOnceAndABrowserHasNoValueYet() {
        try (var h = new TopologyHarness(Map.of(InsightConfig.RESCORE_INACTIVITY, "30d"), MODEL)) {
            h.click("once", purchase("o", "once", T0, "o", 120.0));
            h.click("browser", click("b", "browser", "page_view", T0, "b"));
            for (int week = 0; week < 10; week++) {
                h.click("regular", purchase("r" + week, "regular", T0 + week * 7 * DAY, "s" + week, 120.0));
            }
            h.click("clock", click("c", "clock", "page_view", T0 + 70 * DAY, "c"));

            Map<String, CustomerProfile> profiles = h.profiles.readKeyValuesToMap();
            CustomerValue regular = profiles.get("regular").value();
            CustomerValue once = profiles.get("once").value();
            assertThat(regular.horizonDays()).isEqualTo(90);
            assertThat(regular.expectedPurchases()).isGreaterThan(once.expectedPurchases());
            assertThat(regular.expectedSpend()).isGreaterThan(once.expectedSpend()).isGreaterThan(0);
            assertThat(regular.probabilityAlive()).isGreaterThan(0.5);
            assertThat(profiles.get("browser").value()).isNull();
        }
    }
}
