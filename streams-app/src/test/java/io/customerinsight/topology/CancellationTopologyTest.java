package io.customerinsight.topology;

import io.customerinsight.alerts.ChurnAlert;
import io.customerinsight.alerts.RiskLevel;
import io.customerinsight.testing.TopologyHarness;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.customerinsight.testing.Events.DAY;
import static io.customerinsight.testing.Events.HOUR;
import static io.customerinsight.testing.Events.T0;
import static io.customerinsight.testing.Events.click;
import static io.customerinsight.testing.Events.feedback;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A cancellation is churn itself: it is alerted at once, with reason {@code cancelled}, the customer's recent
 * complaints and an id made of the cancel's own time, whatever the model says and however short the
 * customer's history (the app's default minimum history is 14 days).
 */
class CancellationTopologyTest {
    @Test
    void aCancelIsAlertedAtOnceWithTheComplaintsAndNotAlertedAgainByTheModel() {
        try (var h = new TopologyHarness()) {
            for (int d = 0; d < 5; d++) {
                h.click("c1", click("e" + d, "c1", "page_view", T0 + d * DAY, "s" + d));
            }
            h.click("c1", click("sc", "c1", "support_contact", T0 + 4 * DAY + HOUR, "s4"));
            h.feedback("c1", feedback("f1", "c1", T0 + 4 * DAY + 2 * HOUR, "review", "Terrible service, awful", 1));
            assertThat(h.alerts.isEmpty()).as("no model alert within the minimum history").isTrue();

            long cancelAt = T0 + 4 * DAY + 3 * HOUR;
            h.click("c1", click("x", "c1", "subscription_cancel", cancelAt, "s4"));
            List<ChurnAlert> alerts = h.alerts.readValuesToList();
            assertThat(alerts).hasSize(1);
            ChurnAlert alert = alerts.get(0);
            assertThat(alert.reason()).isEqualTo("cancelled");
            assertThat(alert.alertId()).isEqualTo("c1:cancelled:" + cancelAt);
            assertThat(alert.createdAt()).isEqualTo(cancelAt);
            assertThat(alert.riskLevel()).isEqualTo(RiskLevel.HIGH);
            assertThat(alert.signals()).containsEntry("support_contacts_30d", 1f)
                    .containsEntry("negative_feedback_30d", 1f).containsEntry("low_ratings_30d", 1f);

            // the model's own rescoring right after does not alert the same customer again
            h.click("other", click("o", "other", "page_view", cancelAt + 2 * HOUR, "o"));
            assertThat(h.alerts.readValuesToList()).isEmpty();
        }
    }

    @Test
    void aCustomerWhoCancelledStaysHighWithoutModelAlertsUntilTheyComeBack() {
        try (var h = new TopologyHarness()) {
            // three weeks of daily sessions, past the minimum history; the stand-in model reads 0.31 (low) after
            // three support contacts, and a cancel does not move it
            for (int d = 0; d < 21; d++) {
                h.click("c1", click("e" + d, "c1", "page_view", T0 + d * DAY, "s" + d));
            }
            for (int i = 0; i < 3; i++) {
                h.click("c1", click("sc" + i, "c1", "support_contact", T0 + 20 * DAY + (i + 1) * HOUR, "s20"));
            }
            assertThat(h.alerts.readValuesToList()).isEmpty();
            long cancelAt = T0 + 20 * DAY + 5 * HOUR;
            h.click("c1", click("x", "c1", "subscription_cancel", cancelAt, "s20"));

            // the cancel is confirmed by a second one, the customer who left writes two furious reviews, one on
            // time and one a day late, which raise the model's score, and then stays away for weeks: one
            // departure is one alert
            h.click("c1", click("x2", "c1", "subscription_cancel", cancelAt + HOUR / 2, "s20")); // confirmed
            h.feedback("c1", feedback("f1", "c1", cancelAt + HOUR, "review", "Terrible service, awful", 1));
            h.feedback("c1", feedback("f2", "c1", cancelAt - DAY, "support_ticket", "Awful, never again", 1));
            h.busy(cancelAt, cancelAt + 12 * DAY);

            assertThat(h.alerts.readValuesToList()).extracting(ChurnAlert::reason).containsExactly("cancelled");
            assertThat(h.profiles.readKeyValuesToMap().get("c1").riskLevel())
                    .as("a customer who cancelled is shown at high").isEqualTo(RiskLevel.HIGH);

            // back in the shop: the model decides again, and reads this customer far from high
            long back = cancelAt + 12 * DAY + HOUR;
            h.click("c1", click("b0", "c1", "login", back, "sb"));
            h.click("c1", click("b1", "c1", "page_view", back + 60_000, "sb"));
            h.busy(back + 6 * HOUR, back + 2 * DAY);
            assertThat(h.profiles.readKeyValuesToMap().get("c1").riskLevel()).isNotEqualTo(RiskLevel.HIGH);
        }
    }

    @Test
    void aCustomerWhoDoesNotCancelGetsNoSuchAlert() {
        try (var h = new TopologyHarness()) {
            h.click("c1", click("e0", "c1", "page_view", T0, "s0"));
            h.click("c1", click("e1", "c1", "support_contact", T0 + HOUR, "s0"));
            // an order cancelled or goods returned is not the end of a subscription
            h.click("c1", click("e2", "c1", "order_cancel", T0 + 2 * HOUR, "s0"));
            h.click("c1", click("e3", "c1", "return", T0 + 3 * HOUR, "s0"));
            assertThat(h.alerts.readValuesToList()).noneMatch(a -> a.reason().equals("cancelled"));
        }
    }
}
