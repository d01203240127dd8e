package io.customerinsight.alerts;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.customerinsight.alerts.AlertPolicy.Outcome.ALERT;
import static io.customerinsight.alerts.AlertPolicy.Outcome.DEFERRED;
import static io.customerinsight.alerts.AlertPolicy.Outcome.NONE;
import static io.customerinsight.alerts.AlertPolicy.Outcome.SUPPRESSED;
import static io.customerinsight.alerts.RiskLevel.HIGH;
import static io.customerinsight.alerts.RiskLevel.LOW;
import static io.customerinsight.alerts.RiskLevel.MEDIUM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AlertPolicyTest {
    private static final long DAY = 86_400_000L;
    private final AlertPolicy policy = new AlertPolicy(new RiskThresholds(0.4, 0.7, 0.05), Duration.ofDays(7), MEDIUM,
            null);

    /** A churn card with thresholds and the training label {@code label} (JSON). */
    private static io.customerinsight.scoring.ModelCard churnCard(String label) throws Exception {
        return new io.customerinsight.scoring.ModelCard("churn-lgbm", "1.0.0", "churn", null, null, null, null,
                null, null, null, null, null, null, null, java.util.Map.of("medium", 0.43, "high", 0.69), null, null,
                null, new com.fasterxml.jackson.databind.ObjectMapper().readTree("{\"label\":" + label + "}"), null,
                null);
    }

    @Test
    void hysteresisKeepsALevelUntilTheScoreFallsClearlyBelowIt() {
        RiskThresholds t = policy.thresholds();
        assertThat(t.levelFor(0.72, LOW)).isEqualTo(HIGH);
        assertThat(t.levelFor(0.68, HIGH)).isEqualTo(HIGH);   // within the band
        assertThat(t.levelFor(0.64, HIGH)).isEqualTo(MEDIUM); // below 0.70 - 0.05
        assertThat(t.levelFor(0.37, MEDIUM)).isEqualTo(MEDIUM);
        assertThat(t.levelFor(0.34, MEDIUM)).isEqualTo(LOW);
        assertThat(t.levelFor(0.68, LOW)).isEqualTo(MEDIUM);  // rising uses the plain thresholds
    }

    @Test
    void alertsOnEnteringAHigherLevelOnly() {
        assertThat(policy.decide(LOW, Long.MIN_VALUE, 0.5, 0, false).outcome()).isEqualTo(ALERT);
        assertThat(policy.decide(MEDIUM, 0, 0.8, DAY, false).outcome()).isEqualTo(ALERT);
        assertThat(policy.decide(HIGH, DAY, 0.75, 2 * DAY, false).outcome()).isEqualTo(SUPPRESSED);
        assertThat(policy.decide(HIGH, DAY, 0.5, 2 * DAY, false)).isEqualTo(new AlertPolicy.Decision(MEDIUM, NONE));
        assertThat(policy.decide(LOW, Long.MIN_VALUE, 0.2, 0, false).outcome()).isEqualTo(NONE);
    }

    @Test
    void aHeldLevelIsAlertedAgainOnceTheCooldownHasPassed() {
        assertThat(policy.decide(HIGH, 0, 0.9, 7 * DAY - 1, false).outcome()).isEqualTo(SUPPRESSED);
        assertThat(policy.decide(HIGH, 0, 0.9, 7 * DAY, false).outcome()).isEqualTo(ALERT);
    }

    @Test
    void anAlertDueOnTheStartOfAVisitWaitsForTheNextScoring() {
        // the rest of the customer's visit is not in the snapshot yet
        assertThat(policy.decide(HIGH, 0, 0.9, 7 * DAY, true).outcome()).isEqualTo(DEFERRED);
        assertThat(policy.decide(HIGH, 0, 0.9, 7 * DAY + 1, false).outcome()).isEqualTo(ALERT);
        assertThat(policy.decide(MEDIUM, 0, 0.9, 7 * DAY, true)).isEqualTo(new AlertPolicy.Decision(HIGH, DEFERRED));
        assertThat(policy.decide(LOW, Long.MIN_VALUE, 0.5, 0, true).outcome()).isEqualTo(DEFERRED);
        assertThat(policy.decide(HIGH, 0, 0.9, DAY, true).outcome()).isEqualTo(SUPPRESSED);
        assertThat(policy.decide(HIGH, 0, 0.1, DAY, true).outcome()).as("falling is not held back").isEqualTo(NONE);
    }

    @Test
    void unsetTheCooldownIsTheHorizonOfTheModelThatScored() throws Exception {
        var retail = churnCard("{\"horizon\":\"60d\",\"activity\":\"purchase\"}");
        var config = io.customerinsight.config.InsightConfig.of(java.util.Map.of());
        // an alert restated before its horizon ends repeats a prediction whose outcome is not decided yet
        assertThat(AlertPolicy.from(config, retail).cooldown()).isEqualTo(Duration.ofDays(60));
        assertThat(AlertPolicy.from(io.customerinsight.config.InsightConfig.of(java.util.Map.of(
                io.customerinsight.config.InsightConfig.ALERT_COOLDOWN, "7d")), retail).cooldown())
                .isEqualTo(Duration.ofDays(7));
    }

    @Test
    void unsetTheLongestSilenceJudgedIsTheOneTheModelWasTrainedOn() throws Exception {
        var retail = churnCard("{\"horizon\":\"60d\",\"activeWithin\":\"45d\"}");
        AlertPolicy fromCard = AlertPolicy.from(io.customerinsight.config.InsightConfig.of(java.util.Map.of()), retail);
        assertThat(fromCard.maxSilence()).isEqualTo(Duration.ofDays(45));
        assertThat(fromCard.lapsedSince(0, 45 * DAY)).as("silent exactly as long as the rows were").isNull();
        assertThat(fromCard.lapsedSince(0, 45 * DAY + 1)).isEqualTo(45 * DAY);
        AlertPolicy set = AlertPolicy.from(io.customerinsight.config.InsightConfig.of(java.util.Map.of(
                io.customerinsight.config.InsightConfig.ALERT_MAX_SILENCE, "90d")), retail);
        assertThat(set.lapsedSince(0, 60 * DAY)).isNull();
        assertThat(set.lapsedSince(Long.MAX_VALUE - DAY, Long.MAX_VALUE)).as("no overflow").isNull();
        assertThat(policy.lapsedSince(0, 3650 * DAY)).as("a card that does not say: every customer judged").isNull();
    }

    @Test
    void aCardWhoseLabelIsNotADurationIsRefusedNamingTheField() throws Exception {
        var config = io.customerinsight.config.InsightConfig.of(java.util.Map.of());
        var card = churnCard("{\"horizon\":\"60d\",\"activeWithin\":\"a month\"}");
        assertThatThrownBy(() -> AlertPolicy.from(config, card))
                .hasMessageContaining("churn-lgbm").hasMessageContaining("trainingData.label.activeWithin")
                .hasMessageContaining("'a month' is not a duration");
    }

    @Test
    void risingAgainAfterFallingIsANewAlert() {
        AlertPolicy.Decision fell = policy.decide(HIGH, 0, 0.3, DAY, false);
        assertThat(fell.level()).isEqualTo(LOW);
        assertThat(policy.decide(fell.level(), 0, 0.75, 2 * DAY, false).outcome()).isEqualTo(ALERT);
    }

    @Test
    void thresholdsAreValidated() {
        assertThatThrownBy(() -> new RiskThresholds(0.7, 0.4, 0.05)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RiskThresholds(0.4, 0.7, 0.5)).isInstanceOf(IllegalArgumentException.class);
    }
}
