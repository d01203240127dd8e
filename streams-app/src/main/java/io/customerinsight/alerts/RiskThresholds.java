package io.customerinsight.alerts;

/**
 * Probability thresholds of the risk levels (from the model card unless overridden) and the hysteresis
 * margin: a customer enters a level at its threshold and leaves it only below threshold - hysteresis.
 */
public record RiskThresholds(double medium, double high, double hysteresis) {
    public RiskThresholds {
        if (!(0 < medium && medium < high && high <= 1)) {
            throw new IllegalArgumentException("thresholds must satisfy 0 < medium < high <= 1, got "
                    + medium + " and " + high);
        }
        if (hysteresis < 0 || hysteresis >= medium) {
            throw new IllegalArgumentException("hysteresis must be in [0, medium), got " + hysteresis);
        }
    }

    /** The level for a score, given the level the customer is in now. */
    public RiskLevel levelFor(double score, RiskLevel current) {
        RiskLevel raw = score >= high ? RiskLevel.HIGH : score >= medium ? RiskLevel.MEDIUM : RiskLevel.LOW;
        if (!current.above(raw)) {
            return raw;
        }
        // Falling: stay in the current level while the score is within the hysteresis band below it.
        if (current == RiskLevel.HIGH && score >= high - hysteresis) {
            return RiskLevel.HIGH;
        }
        if (current.compareTo(RiskLevel.MEDIUM) >= 0 && score >= medium - hysteresis) {
            return RiskLevel.MEDIUM;
        }
        return raw;
    }
}
