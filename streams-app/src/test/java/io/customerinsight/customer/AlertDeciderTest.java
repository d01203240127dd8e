package io.customerinsight.customer;

import io.customerinsight.alerts.AlertPolicy;
import io.customerinsight.alerts.ChurnAlert;
import io.customerinsight.alerts.RiskLevel;
import io.customerinsight.config.InsightConfig;
import io.customerinsight.events.ClickEvent;
import io.customerinsight.features.CustomerActivity;
import io.customerinsight.features.FeatureSchema;
import io.customerinsight.ops.InsightMetrics;
import io.customerinsight.scoring.ChurnExplainer;
import io.customerinsight.testing.RuleBasedChurnScorer;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.customerinsight.testing.Events.DAY;
import static io.customerinsight.testing.Events.T0;
import static org.assertj.core.api.Assertions.assertThat;

class AlertDeciderTest {
    private final InsightMetrics metrics = InsightMetrics.standalone();
    private final RuleBasedChurnScorer model = new RuleBasedChurnScorer();
    private final InsightConfig config = InsightConfig.of(Map.of(InsightConfig.RISK_MEDIUM, "0.5",
            InsightConfig.RISK_HIGH, "0.8", InsightConfig.ALERT_TOP_FACTORS, "2"));
    private final AlertDecider decider = new AlertDecider(AlertPolicy.from(config, null), config, model,
            new ChurnExplainer(model, new float[FeatureSchema.size()]), metrics);

    private static Snapshot at(CustomerState state, long asOf) {
        return Snapshot.of(state.activity, asOf, true, null);
    }

    private static CustomerState firstSeenAt(long at) {
        CustomerState state = new CustomerState(new CustomerActivity());
        state.activity.apply(new ClickEvent("e", "c1", "page_view", at, "s", null, null, null, null, null));
        return state;
    }

    @Test
    void withinTheMinimumHistoryNothingAlertsButTheProfileShowsTheModelsLevel() {
        CustomerState state = firstSeenAt(T0);
        assertThat(decider.decide("c1", state, at(state, T0 + 13 * DAY), 0.9)).isNull();
        assertThat(state.riskLevel).isEqualTo(RiskLevel.LOW);
        assertThat(decider.shownLevel(state, T0)).isEqualTo(RiskLevel.HIGH);
        assertThat(metrics.count("insight.alerts.suppressed", "reason", "insufficient_history")).isEqualTo(1);
    }

    @Test
    void enteringALevelAlertsWithADeterministicIdARoundedScoreAndItsReasons() {
        CustomerState state = firstSeenAt(T0);
        long now = T0 + 15 * DAY;
        ChurnAlert alert = decider.decide("c1", state, at(state, now), 0.612345678);
        assertThat(alert.alertId()).isEqualTo("c1:medium:" + now);
        assertThat(alert.score()).isEqualTo(0.6123);
        assertThat(alert.previousRiskLevel()).isEqualTo(RiskLevel.LOW);
        assertThat(alert.reason()).isEqualTo("risk_increased");
        assertThat(alert.topFactors()).hasSizeLessThanOrEqualTo(2);
        assertThat(state.riskLevel).isEqualTo(RiskLevel.MEDIUM);
        assertThat(state.lastAlertAt).isEqualTo(now);
        assertThat(metrics.count("insight.alerts.emitted", "level", "medium")).isEqualTo(1);
    }

    @Test
    void aLevelThatHoldsIsSuppressedUntilTheCooldownThenRemindedOnce() {
        CustomerState state = firstSeenAt(T0);
        long first = T0 + 15 * DAY;
        assertThat(decider.decide("c1", state, at(state, first), 0.6)).isNotNull();
        // unset, the cooldown is the model's horizon: 30 days for a card without a label
        assertThat(decider.decide("c1", state, at(state, first + 7 * DAY), 0.6)).isNull();
        assertThat(decider.decide("c1", state, at(state, first + 29 * DAY), 0.6)).isNull();
        assertThat(metrics.count("insight.alerts.suppressed", "reason", "cooldown")).isEqualTo(2);
        ChurnAlert reminder = decider.decide("c1", state, at(state, first + 30 * DAY), 0.6);
        assertThat(reminder.reason()).isEqualTo("cooldown_elapsed");
    }

    private static Snapshot atVisitStart(CustomerState state, long asOf) {
        return Snapshot.of(state.activity, asOf, true, null, 0, true);
    }

    @Test
    void aReminderDueAsTheCustomerWalksInWaitsForAScoringThatSeesTheVisit() {
        CustomerState state = firstSeenAt(T0);
        long first = T0 + 15 * DAY;
        assertThat(decider.decide("c1", state, at(state, first), 0.6)).isNotNull();
        long back = first + 31 * DAY;
        state.activity.apply(new ClickEvent("b", "c1", "add_to_cart", back, "s2", "p-1", null, null, null, null));
        assertThat(decider.decide("c1", state, atVisitStart(state, back), 0.6)).isNull();
        assertThat(metrics.count("insight.alerts.suppressed", "reason", "visit_start")).isEqualTo(1);
        assertThat(state.riskLevel).isEqualTo(RiskLevel.MEDIUM);
        ChurnAlert reminder = decider.decide("c1", state, at(state, back + 5 * 60_000), 0.6);
        assertThat(reminder.reason()).as("five minutes on, the visit in, the level still holds")
                .isEqualTo("cooldown_elapsed");
    }

    @Test
    void anEntryDueOnTheStartOfAVisitIsStillAnEntryAtTheNextScoring() {
        CustomerState state = firstSeenAt(T0);
        long visit = T0 + 20 * DAY;
        state.activity.apply(new ClickEvent("v", "c1", "page_view", visit, "s2", null, null, null, null, null));
        assertThat(decider.decide("c1", state, atVisitStart(state, visit), 0.9)).isNull();
        assertThat(state.riskLevel).as("not entered yet").isEqualTo(RiskLevel.LOW);
        ChurnAlert entry = decider.decide("c1", state, at(state, visit + 5 * 60_000), 0.85);
        assertThat(entry.reason()).isEqualTo("risk_increased");
        assertThat(entry.riskLevel()).isEqualTo(RiskLevel.HIGH);
        assertThat(entry.previousRiskLevel()).isEqualTo(RiskLevel.LOW);
    }

    @Test
    void aCustomerSilentLongerThanTheModelJudgesIsNotAlertedAndKeepsTheLastJudgement() {
        InsightConfig lapsing = InsightConfig.of(Map.of(InsightConfig.RISK_MEDIUM, "0.5", InsightConfig.RISK_HIGH,
                "0.8", InsightConfig.ALERT_MAX_SILENCE, "20d"));
        AlertDecider withBound = new AlertDecider(AlertPolicy.from(lapsing, null), lapsing, model,
                new ChurnExplainer(model, new float[FeatureSchema.size()]), metrics);
        CustomerState state = firstSeenAt(T0);
        assertThat(withBound.decide("c1", state, at(state, T0 + 20 * DAY), 0.6)).isNotNull();
        assertThat(withBound.decide("c1", state, at(state, T0 + 21 * DAY), Double.NaN)).isNull();
        assertThat(metrics.count("insight.customers.lapsed")).isEqualTo(1);
        assertThat(state.riskLevel).isEqualTo(RiskLevel.MEDIUM);
        assertThat(state.lastScore).isEqualTo(0.6);
        assertThat(state.lastScoredAt).isEqualTo(T0 + 21 * DAY);
        assertThat(withBound.lapsedSince(T0, T0 + 21 * DAY)).isEqualTo(T0 + 20 * DAY);
        assertThat(withBound.decide("c1", state, at(state, T0 + 80 * DAY), Double.NaN))
                .as("not after the cooldown either").isNull();
        assertThat(metrics.count("insight.customers.lapsed")).as("a lapse counts once").isEqualTo(1);
    }

    @Test
    void aCancellationIsPrioritizedAsCertainChurnWhateverTheModelScored() {
        AlertDecider withPlaybook = new AlertDecider(AlertPolicy.from(config, null), config, model,
                new ChurnExplainer(model, new float[FeatureSchema.size()]), metrics,
                io.customerinsight.actions.Playbook.load(null));
        CustomerState state = firstSeenAt(T0);
        var value = new io.customerinsight.value.CustomerValue(3, 400, 0.9, 90);
        ChurnAlert alert = withPlaybook.cancelled("c1", state, new float[FeatureSchema.size()], 0.02, T0 + DAY, value,
                new int[0], java.util.Map.of());
        // high, no complaint factors or aspects, valuable: the bundled playbook's retention offer (effect 0.1)
        assertThat(alert.action().id()).isEqualTo("retention-offer");
        // certain churn, times the spend of a customer who stays (400 expected at P(alive) 0.9), times the effect
        assertThat(alert.priority()).isEqualTo(44.44);
    }
}
