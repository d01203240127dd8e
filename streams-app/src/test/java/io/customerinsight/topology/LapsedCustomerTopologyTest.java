package io.customerinsight.topology;

import io.customerinsight.alerts.ChurnAlert;
import io.customerinsight.config.InsightConfig;
import io.customerinsight.config.TopicRole;
import io.customerinsight.features.FeatureSchema;
import io.customerinsight.profiles.CustomerProfile;
import io.customerinsight.testing.BundledTopology;
import io.customerinsight.testing.TopologyHarness;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.customerinsight.testing.Events.DAY;
import static io.customerinsight.testing.Events.HOUR;
import static io.customerinsight.testing.Events.MINUTE;
import static io.customerinsight.testing.Events.T0;
import static io.customerinsight.testing.Events.click;
import static io.customerinsight.testing.Events.purchase;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A customer silent for longer than the churn model was trained to judge is lapsed: no alert restates a
 * judgement the model cannot make, the model is not even called for them, and the profile says since when,
 * until the customer comes back.
 */
class LapsedCustomerTopologyTest {
    /** the bundled churn model's card: rows of customers active within the last 30 days */
    private static final long MAX_SILENCE = 30 * DAY;

    /**
     * Three customers visit daily for 40 days; then one goes for good, one comes back after 60 days, and a
     * third stays throughout, so that event time moves on for 140 days.
     */
    @Test
    void noAlertForACustomerSilentLongerThanTheBundledModelJudgesAndTheProfileSaysSinceWhen() throws Exception {
        try (BundledTopology app = new BundledTopology("lapsed")) {
            Map<String, Long> lastSeen = new HashMap<>();
            for (int d = 0; d < 140; d++) {
                for (String c : List.of("gone", "back", "stays")) {
                    boolean away = c.equals("gone") && d >= 40 || c.equals("back") && d >= 40 && d < 100;
                    if (away) {
                        continue;
                    }
                    long t = T0 + d * DAY + 10 * HOUR;
                    app.click(c, click("v" + d + c, c, "page_view", t, c + d));
                    app.click(c, click("p" + d + c, c, "product_view", t + MINUTE, c + d));
                    if (d % 5 == 0) {
                        app.click(c, purchase("b" + d + c, c, t + 2 * MINUTE, c + d, 60.0));
                    }
                    lastSeen.put(c + d, t + (d % 5 == 0 ? 2 : 1) * MINUTE);
                }
            }
            app.driver.advanceWallClockTime(Duration.ofSeconds(1));
            app.driver.advanceWallClockTime(Duration.ofSeconds(1));

            long goneLast = lastSeen.get("gone39");
            List<ChurnAlert> gone = app.output(TopicRole.CHURN_ALERTS, ChurnAlert.class).readValuesToList().stream()
                    .filter(a -> a.customerId().equals("gone")).toList();
            // before, the cooldown re-alerted them at 45 and 75 days of silence, high at 0.91 and 0.59
            assertThat(gone).as("the model sees the silence while it is within what it learnt").isNotEmpty();
            assertThat(gone).allSatisfy(a -> assertThat(a.createdAt() - goneLast)
                    .as("alert %s", a.alertId()).isLessThanOrEqualTo(MAX_SILENCE));
            assertThat(app.metrics.count("insight.customers.lapsed")).as("gone, and back while away").isEqualTo(2);

            List<KeyValue<String, CustomerProfile>> profiles = app.output(TopicRole.CUSTOMER_PROFILES,
                    CustomerProfile.class).readKeyValuesToList();
            Map<String, CustomerProfile> latest = new HashMap<>();
            profiles.forEach(kv -> latest.put(kv.key, kv.value));
            assertThat(latest.get("gone").lapsedSince()).isEqualTo(goneLast + MAX_SILENCE);
            assertThat(latest.get("gone").segment()).as("high when last judged, but gone: not at risk now")
                    .isEqualTo("lapsed");
            assertThat(latest.get("gone").riskLevel()).isEqualTo(io.customerinsight.alerts.RiskLevel.HIGH);
            assertThat(latest.get("stays").lapsedSince()).isNull();
            assertThat(latest.get("back").lapsedSince()).as("back again: judged again").isNull();
            assertThat(latest.get("back").segment()).isNotEqualTo("lapsed");
            assertThat(profiles).as("back was lapsed while away").anySatisfy(kv -> {
                assertThat(kv.key).isEqualTo("back");
                assertThat(kv.value.lapsedSince()).isEqualTo(lastSeen.get("back39") + MAX_SILENCE);
            });
        }
    }

    @Test
    void aLapsedCustomersFeaturesNeverReachTheModel() {
        try (var h = new TopologyHarness(Map.of(InsightConfig.ALERT_MAX_SILENCE, "20d"))) {
            int silence = FeatureSchema.indexOf("days_since_last_event");
            // a model that breaks on a silence it never learnt: every row of one would be dead-lettered
            h.churn.failWhen = row -> row[silence] > 20.01f;
            for (int d = 0; d < 5; d++) {
                h.click("quiet", click("q" + d, "quiet", "page_view", T0 + d * DAY, "quiet-s" + d));
            }
            h.busy(T0 + 5 * DAY, T0 + 80 * DAY);
            assertThat(h.dlq.isEmpty()).as("no scoring failure: no lapsed row was scored").isTrue();
            assertThat(h.alerts.readValuesToList()).filteredOn(a -> a.customerId().equals("quiet"))
                    .isNotEmpty().allSatisfy(a -> assertThat(a.createdAt()).isLessThanOrEqualTo(T0 + 24 * DAY));
            CustomerProfile last = h.profiles.readKeyValuesToList().stream().filter(kv -> kv.key.equals("quiet"))
                    .reduce((a, b) -> b).orElseThrow().value;
            assertThat(last.lapsedSince()).isEqualTo(T0 + 24 * DAY);
        }
    }
}
