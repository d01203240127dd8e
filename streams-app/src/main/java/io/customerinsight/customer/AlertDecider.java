package io.customerinsight.customer;

import io.customerinsight.alerts.AlertPolicy;
import io.customerinsight.alerts.ChurnAlert;
import io.customerinsight.alerts.RiskLevel;
import io.customerinsight.config.InsightConfig;
import io.customerinsight.ops.InsightMetrics;
import io.customerinsight.scoring.ChurnExplainer;
import io.customerinsight.scoring.ChurnScorer;

/**
 * Given a fresh score, moves the customer's risk level under the alert policy and builds the alert when
 * one is due: its id, rounded score, reason and explanation. The state is the store's live copy, so what
 * can fail (explaining an alert runs the model again) happens before it changes.
 */
final class AlertDecider {
    private final AlertPolicy policy;
    private final long minHistory;
    private final int topFactors;
    private final ChurnScorer model;
    private final ChurnExplainer explainer;
    private final InsightMetrics metrics;

    AlertDecider(AlertPolicy policy, InsightConfig config, ChurnScorer model, ChurnExplainer explainer,
                 InsightMetrics metrics) {
        this.policy = policy;
        this.minHistory = config.minHistory().toMillis();
        this.topFactors = config.topFactors();
        this.model = model;
        this.explainer = explainer;
        this.metrics = metrics;
    }

    /** Records the scoring in the state; returns the alert to send, or null. */
    ChurnAlert decide(String customerId, CustomerState state, float[] features, double score, long now) {
        AlertPolicy.Decision decision = inMinimumHistory(state, now)
                ? null : policy.decide(state.riskLevel, state.lastAlertAt, score, now);
        ChurnAlert alert = decision != null && decision.alert()
                ? alertOf(customerId, features, score, decision.level(), state.riskLevel, now) : null;
        state.lastScoredAt = now;
        state.lastScore = score;
        state.dirty = false;
        if (decision == null) {
            if (policy.thresholds().levelFor(score, RiskLevel.LOW).compareTo(policy.minLevel()) >= 0) {
                metrics.alertSuppressed("insufficient_history");
            }
            return null;
        }
        state.riskLevel = decision.level();
        if (alert != null) {
            state.lastAlertAt = now;
            metrics.alertEmitted(decision.level().wireName());
        } else if (decision.outcome() == AlertPolicy.Outcome.SUPPRESSED) {
            metrics.alertSuppressed("cooldown");
        }
        return alert;
    }

    /**
     * The level a profile shows. Too little history to judge: the alerting level stays LOW so that the
     * customer still "enters" a higher level, and alerts, once the history is long enough; meanwhile the
     * profile shows the model's own level.
     */
    RiskLevel shownLevel(CustomerState state) {
        return inMinimumHistory(state, state.lastScoredAt)
                ? policy.thresholds().levelFor(state.lastScore, RiskLevel.LOW)
                : state.riskLevel;
    }

    private boolean inMinimumHistory(CustomerState state, long now) {
        return now - state.activity.firstSeen() < minHistory;
    }

    private ChurnAlert alertOf(String customerId, float[] features, double score, RiskLevel level, RiskLevel previous,
                               long now) {
        String reason = level.above(previous) ? "risk_increased" : "cooldown_elapsed";
        return new ChurnAlert(customerId + ":" + level.wireName() + ":" + now, customerId,
                Math.round(score * 10_000) / 10_000.0, level, previous, reason, model.name(), model.version(), now,
                explainer.explain(features, topFactors));
    }
}
