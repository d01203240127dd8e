package io.customerinsight.alerts;

import io.customerinsight.config.InsightConfig;
import io.customerinsight.outcomes.OutcomeLabel;
import io.customerinsight.scoring.ModelCard;

import java.time.Duration;
import java.util.Map;

/**
 * Decides when a churn alert is sent: when a customer enters a higher risk level (at or above
 * {@code minLevel}), or when the level holds and {@code cooldown} has passed since the last alert.
 * Otherwise the alert is suppressed and counted. A customer silent for longer than {@code maxSilence} is
 * lapsed: outside what the model learnt to judge, so not alerted on at all.
 *
 * @param maxSilence the longest silence the model judges, or null for any
 */
public record AlertPolicy(RiskThresholds thresholds, Duration cooldown, RiskLevel minLevel, Duration maxSilence) {

    /**
     * ALERT: send one; SUPPRESSED: the level holds and the cooldown runs; DEFERRED: an alert is due, but the
     * scoring holds only the start of a visit (the customer's own event, no risk signal among it), so the next
     * scoring decides, with the rest of the visit in; NONE: below minLevel or falling.
     */
    public enum Outcome { ALERT, SUPPRESSED, DEFERRED, NONE }

    public record Decision(RiskLevel level, Outcome outcome) {
        public boolean alert() {
            return outcome == Outcome.ALERT;
        }
    }

    /**
     * The policy configured in {@code config}; the thresholds are the churn model card's unless
     * {@code insight.risk.medium} and {@code insight.risk.high} override them, and the cooldown is the card's
     * label horizon unless {@code insight.alert.cooldown} sets it.
     *
     * @param card the churn model's card, or null for a model without one (then both thresholds must be set)
     */
    public static AlertPolicy from(InsightConfig config, ModelCard card) {
        Map<String, Double> fromCard = card == null || card.thresholds() == null ? Map.of() : card.thresholds();
        Double medium = config.riskMedium() != null ? config.riskMedium() : fromCard.get("medium");
        Double high = config.riskHigh() != null ? config.riskHigh() : fromCard.get("high");
        if (medium == null || high == null) {
            throw new IllegalArgumentException("the churn model" + (card == null ? "" : " card " + card.name())
                    + " gives no thresholds.medium and thresholds.high: set " + InsightConfig.RISK_MEDIUM + " and "
                    + InsightConfig.RISK_HIGH);
        }
        OutcomeLabel label = OutcomeLabel.of(card);
        // a level re-alerted within the horizon would restate a prediction whose outcome is not yet decided
        Duration cooldown = config.alertCooldown() != null ? config.alertCooldown() : label.horizon();
        // a tree model extrapolates a longer silence than its rows had as the longest it saw
        Duration maxSilence = config.alertMaxSilence() != null ? config.alertMaxSilence() : label.activeWithin();
        return new AlertPolicy(new RiskThresholds(medium, high, config.riskHysteresis()), cooldown,
                RiskLevel.fromWire(config.alertMinLevel()), maxSilence);
    }

    /** The policy in a line, for people checking a model directory before they ship it. */
    public String describe() {
        return String.format(java.util.Locale.ROOT, "medium from %.4f, high from %.4f (left %.2f below); a held "
                        + "level again after %s; %s", thresholds.medium(), thresholds.high(), thresholds.hysteresis(),
                days(cooldown), maxSilence == null ? "every customer judged, however long silent"
                        : "no alert for a customer silent longer than " + days(maxSilence) + " (lapsed)");
    }

    private static String days(Duration d) {
        return d.toSeconds() % 86_400 == 0 ? d.toDays() + "d" : d.toString();
    }

    /**
     * Since when a customer last active at {@code lastActivity} is lapsed as of {@code now} (event time), or
     * null while the model still judges them.
     */
    public Long lapsedSince(long lastActivity, long now) {
        if (maxSilence == null || lastActivity == Long.MIN_VALUE) {
            return null;
        }
        long ms = maxSilence.toMillis();
        long since = lastActivity > Long.MAX_VALUE - ms ? Long.MAX_VALUE : lastActivity + ms;
        return now > since ? since : null;
    }

    /**
     * @param visitStart whether the scoring holds only the start of a visit: its point is the time of the
     *                   customer's latest event, no risk signal among it, and the later events of the visit (the
     *                   purchase of an invoice) are not in it
     */
    public Decision decide(RiskLevel current, long lastAlertAt, double score, long now, boolean visitStart) {
        RiskLevel next = thresholds.levelFor(score, current);
        if (next.compareTo(minLevel) < 0 || current.above(next)) {
            return new Decision(next, Outcome.NONE);
        }
        boolean due = next.above(current) || lastAlertAt == Long.MIN_VALUE
                || now - lastAlertAt >= cooldown.toMillis();
        if (!due) {
            return new Decision(next, Outcome.SUPPRESSED);
        }
        // alerts sent as a retail customer walked in came true for 1-4 % of them (README)
        return new Decision(next, visitStart ? Outcome.DEFERRED : Outcome.ALERT);
    }
}
