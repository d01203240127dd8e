package io.customerinsight.alerts;

import java.time.Duration;

/**
 * Decides when a churn alert is sent: when a customer enters a higher risk level (at or above
 * {@code minLevel}), or when the level holds and {@code cooldown} has passed since the last alert.
 * Otherwise the alert is suppressed and counted.
 */
public record AlertPolicy(RiskThresholds thresholds, Duration cooldown, RiskLevel minLevel) {

    /** ALERT: send one; SUPPRESSED: the level holds and the cooldown runs; NONE: below minLevel or falling. */
    public enum Outcome { ALERT, SUPPRESSED, NONE }

    public record Decision(RiskLevel level, Outcome outcome) {
        public boolean alert() {
            return outcome == Outcome.ALERT;
        }
    }

    public Decision decide(RiskLevel current, long lastAlertAt, double score, long now) {
        RiskLevel next = thresholds.levelFor(score, current);
        if (next.compareTo(minLevel) < 0 || current.above(next)) {
            return new Decision(next, Outcome.NONE);
        }
        if (next.above(current)) {
            return new Decision(next, Outcome.ALERT);
        }
        boolean cooledDown = lastAlertAt == Long.MIN_VALUE || now - lastAlertAt >= cooldown.toMillis();
        return new Decision(next, cooledDown ? Outcome.ALERT : Outcome.SUPPRESSED);
    }
}
