package io.customerinsight.topology;

import io.customerinsight.alerts.RiskLevel;
import io.customerinsight.config.TopicRole;
import io.customerinsight.profiles.CustomerProfile;
import io.customerinsight.testing.BundledTopology;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

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
        try (BundledTopology app = new BundledTopology("hard-signals")) {
            String[] furious = {"Terrible, the worst service I have ever had. Broken on arrival and nobody answers.",
                    "太差了，质量很烂，客服根本不理人，再也不会买了"};
            for (int d = 0; d < 43; d++) {
                long t = T0 + d * DAY + 10 * HOUR;
                for (String c : new String[] {"angry", "steady"}) {
                    app.click(c, click("v" + d + c, c, "page_view", t, c + d));
                    app.click(c, click("p" + d + c, c, "product_view", t + MINUTE, c + d));
                    if (d % 5 == 0) {
                        app.click(c, purchase("b" + d + c, c, t + 2 * MINUTE, c + d, 60.0));
                    }
                }
                if (d >= 40) {
                    app.click("angry", click("s" + d, "angry", "support_contact", t + 2 * HOUR, "angry" + d));
                }
                if (d >= 41) {
                    app.feedback("angry", feedback("f" + d, "angry", t + 3 * HOUR, "review", furious[d - 41], 1));
                }
            }
            app.click("steady", click("z", "steady", "page_view", T0 + 42 * DAY + 14 * HOUR, "z"));
            app.driver.advanceWallClockTime(Duration.ofSeconds(1));
            app.driver.advanceWallClockTime(Duration.ofSeconds(1));

            Map<String, CustomerProfile> profiles = app.output(TopicRole.CUSTOMER_PROFILES, CustomerProfile.class)
                    .readKeyValuesToMap();
            assertThat(profiles.get("angry").riskLevel()).as("angry: score %s", profiles.get("angry").churnScore())
                    .isIn(RiskLevel.MEDIUM, RiskLevel.HIGH);
            assertThat(profiles.get("steady").riskLevel()).as("steady: score %s",
                    profiles.get("steady").churnScore()).isEqualTo(RiskLevel.LOW);
            // the bundled segment model places both in a named behavioural cluster
            for (CustomerProfile p : profiles.values()) {
                assertThat(p.cluster()).isNotNull();
                assertThat(p.cluster().name()).isEqualTo(app.models.segments().name(p.cluster().id()));
            }
        }
    }
}
