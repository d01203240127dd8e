package io.customerinsight.topology;

import io.customerinsight.alerts.ChurnAlert;
import io.customerinsight.alerts.RiskLevel;
import io.customerinsight.outcomes.AlertOutcome;
import io.customerinsight.testing.TopologyHarness;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.customerinsight.testing.Events.DAY;
import static io.customerinsight.testing.Events.HOUR;
import static io.customerinsight.testing.Events.T0;
import static io.customerinsight.testing.Events.click;
import static org.assertj.core.api.Assertions.assertThat;

/** Whether each alert came true, decided in event time: the horizon (30 days for the test model) or a return. */
class AlertOutcomeTopologyTest {
    private static final long HORIZON = 30 * DAY;

    /** Five active days, then silence: the test model alerts at medium, then at high. */
    private static void activeThenQuiet(TopologyHarness h, String customer) {
        for (int d = 0; d < 5; d++) {
            h.click(customer, click(customer + d, customer, "page_view", T0 + d * DAY, customer + "-s" + d));
        }
    }

    @Test
    void alertsComeTrueWhenTheHorizonPassesInSilenceOrTheCustomerCancelsAndNotWhenTheyReturn() {
        try (var h = new TopologyHarness()) {
            for (String c : List.of("gone", "back", "quits")) {
                activeThenQuiet(h, c);
            }
            h.busy(T0 + 5 * DAY, T0 + 19 * DAY);
            List<ChurnAlert> sent = new java.util.ArrayList<>(h.alerts.readValuesToList());
            Map<String, List<ChurnAlert>> alerts = sent.stream().collect(Collectors.groupingBy(ChurnAlert::customerId));
            for (String c : List.of("gone", "back", "quits")) {
                assertThat(alerts.get(c)).extracting(ChurnAlert::riskLevel)
                        .containsExactly(RiskLevel.MEDIUM, RiskLevel.HIGH);
            }
            assertThat(h.outcomes.isEmpty()).as("nothing is decided before the horizon or a return").isTrue();

            long returned = T0 + 20 * DAY;
            h.click("back", click("back-again", "back", "page_view", returned, "back-s9"));
            h.click("quits", click("quits-cancel", "quits", "subscription_cancel", returned + HOUR, "quits-s9"));
            long end = T0 + 60 * DAY;
            h.busy(T0 + 20 * DAY + 6 * HOUR, end);
            sent.addAll(h.alerts.readValuesToList());
            alerts = sent.stream().collect(Collectors.groupingBy(ChurnAlert::customerId));
            List<AlertOutcome> decided = h.outcomes.readValuesToList();

            // alerts sent before the return; later ones (the customers went quiet again) have outcomes of their own
            Map<String, List<AlertOutcome>> outcomes = decided.stream()
                    .filter(o -> o.alertedAt() < returned || o.customerId().equals("gone"))
                    .collect(Collectors.groupingBy(AlertOutcome::customerId));
            assertThat(outcomes.get("back")).hasSize(2).allSatisfy(o -> {
                assertThat(o.outcome()).isEqualTo("retained");
                assertThat(o.evidence()).isEqualTo("activity");
                assertThat(o.decidedAt()).isEqualTo(returned);
            });
            assertThat(outcomes.get("quits")).as("the cancellation's own alert gets no outcome").hasSize(2)
                    .allSatisfy(o -> {
                        assertThat(o.outcome()).isEqualTo("churned");
                        assertThat(o.evidence()).isEqualTo("cancelled");
                    });
            List<AlertOutcome> gone = outcomes.get("gone");
            assertThat(gone).extracting(AlertOutcome::alertId).containsExactlyElementsOf(alerts.get("gone").stream()
                    .filter(a -> a.createdAt() + HORIZON < end).map(ChurnAlert::alertId).toList());
            assertThat(gone).allSatisfy(o -> {
                assertThat(o.outcome()).isEqualTo("churned");
                assertThat(o.evidence()).isEqualTo("no_activity");
                assertThat(o.decidedAt()).isEqualTo(o.alertedAt() + HORIZON);
                assertThat(o.horizonDays()).isEqualTo(30);
            });
            assertThat(gone).extracting(AlertOutcome::alertReason).startsWith("risk_increased", "risk_increased");
            assertThat(h.metrics.count("insight.alert.outcomes", "level", "high", "outcome", "retained"))
                    .isEqualTo(1);
            assertThat(h.metrics.total("insight.alert.outcomes")).isEqualTo(decided.size());
        }
    }
}
