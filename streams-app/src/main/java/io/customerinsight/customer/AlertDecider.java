package io.customerinsight.customer;

import io.customerinsight.actions.Playbook;
import io.customerinsight.alerts.AlertPolicy;
import io.customerinsight.alerts.ChurnAlert;
import io.customerinsight.alerts.RecommendedAction;
import io.customerinsight.alerts.RiskLevel;
import io.customerinsight.config.InsightConfig;
import io.customerinsight.features.FeatureSchema;
import io.customerinsight.ops.InsightMetrics;
import io.customerinsight.scoring.ChurnExplainer;
import io.customerinsight.scoring.ChurnScorer;
import io.customerinsight.scoring.TopFactor;
import io.customerinsight.suggestions.ProductSuggestion;
import io.customerinsight.suggestions.SuggestionModel;
import io.customerinsight.value.CustomerValue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Given a fresh score, moves the customer's risk level under the alert policy and builds the alert when
 * one is due: its id, rounded score, reason and explanation. The state is the store's live copy, so what
 * can fail (explaining an alert runs the model again) happens before it changes.
 */
final class AlertDecider {
    /** the complaints an alert carries for the retention team, by feature name */
    private static final List<String> SIGNALS = List.of("support_contacts_30d", "negative_feedback_30d",
            "low_ratings_30d");

    private final AlertPolicy policy;
    private final long minHistory;
    private final int topFactors;
    private final ChurnScorer model;
    private final ChurnExplainer explainer;
    private final InsightMetrics metrics;
    private final Playbook playbook;
    private final SuggestionModel suggestionModel;
    private final int suggestionsPerAlert;

    AlertDecider(AlertPolicy policy, InsightConfig config, ChurnScorer model, ChurnExplainer explainer,
                 InsightMetrics metrics) {
        this(policy, config, model, explainer, metrics, null);
    }

    AlertDecider(AlertPolicy policy, InsightConfig config, ChurnScorer model, ChurnExplainer explainer,
                 InsightMetrics metrics, Playbook playbook) {
        this(policy, config, model, explainer, metrics, playbook, null);
    }

    /**
     * @param playbook    the next-best-action playbook, or null for alerts without an action
     * @param suggestions the product suggestion model, or null for alerts without suggestions
     */
    AlertDecider(AlertPolicy policy, InsightConfig config, ChurnScorer model, ChurnExplainer explainer,
                 InsightMetrics metrics, Playbook playbook, SuggestionModel suggestions) {
        this.playbook = playbook;
        this.suggestionModel = suggestions;
        this.suggestionsPerAlert = suggestions == null ? 0 : config.suggestionsPerAlert();
        this.policy = policy;
        this.minHistory = config.minHistory().toMillis();
        this.topFactors = config.topFactors();
        this.model = model;
        this.explainer = explainer;
        this.metrics = metrics;
    }

    /**
     * Records the snapshot's scoring in the state; returns the alert to send, or null.
     *
     * @param score the model's score, NaN for a lapsed customer (the model does not judge them)
     */
    ChurnAlert decide(String customerId, CustomerState state, Snapshot snapshot, double score) {
        long now = snapshot.asOf();
        if (state.cancelled()) {
            state.lastScoredAt = now;
            state.lastScore = score;
            return null;
        }
        if (lapsedSince(snapshot.lastActivity(), now) != null) {
            // a silence no training row had: the model's last judgement stands, and nothing alerts
            if (lapsedSince(snapshot.lastActivity(), state.lastScoredAt) == null) {
                metrics.customerLapsed();
            }
            state.lastScoredAt = now;
            return null;
        }
        AlertPolicy.Decision decision = inMinimumHistory(snapshot.firstSeen(), now)
                ? null : policy.decide(state.riskLevel, state.lastAlertAt, score, now, snapshot.visitStart());
        ChurnAlert alert = decision != null && decision.alert()
                ? alertOf(customerId, snapshot, score, decision.level(), state.riskLevel) : null;
        state.lastScoredAt = now;
        state.lastScore = score;
        if (decision == null) {
            if (policy.thresholds().levelFor(score, RiskLevel.LOW).compareTo(policy.minLevel()) >= 0) {
                metrics.alertSuppressed("insufficient_history");
            }
            return null;
        }
        if (decision.outcome() != AlertPolicy.Outcome.DEFERRED) {
            state.riskLevel = decision.level(); // a deferred entry is still an entry at the next scoring
        }
        if (alert != null) {
            state.lastAlertAt = now;
            metrics.alertEmitted(decision.level().wireName());
        } else if (decision.outcome() == AlertPolicy.Outcome.SUPPRESSED) {
            metrics.alertSuppressed("cooldown");
        } else if (decision.outcome() == AlertPolicy.Outcome.DEFERRED) {
            metrics.alertSuppressed("visit_start");
        }
        return alert;
    }

    /**
     * The level a profile shows. Too little history to judge: the alerting level stays LOW so that the
     * customer still "enters" a higher level, and alerts, once the history is long enough; meanwhile the
     * profile shows the model's own level.
     */
    RiskLevel shownLevel(CustomerState state, long firstSeen) {
        if (state.cancelled()) {
            return RiskLevel.HIGH;
        }
        return inMinimumHistory(firstSeen, state.lastScoredAt)
                ? policy.thresholds().levelFor(state.lastScore, RiskLevel.LOW)
                : state.riskLevel;
    }

    /**
     * Since when a customer last active at {@code lastActivity} has been silent for longer than the model
     * judges, as of {@code now}; null while it judges them.
     */
    Long lapsedSince(long lastActivity, long now) {
        return policy.lapsedSince(lastActivity, now);
    }

    private boolean inMinimumHistory(long firstSeen, long now) {
        return now - firstSeen < minHistory;
    }

    private ChurnAlert alertOf(String customerId, Snapshot snapshot, double score, RiskLevel level,
                               RiskLevel previous) {
        String reason = level.above(previous) ? "risk_increased" : "cooldown_elapsed";
        long now = snapshot.asOf();
        List<TopFactor> factors = explainer.explain(snapshot.features(), topFactors);
        RecommendedAction action = action(level, factors, snapshot.complaints().keySet(), snapshot.value());
        return new ChurnAlert(customerId + ":" + level.wireName() + ":" + now, customerId,
                Math.round(score * 10_000) / 10_000.0, level, previous, reason, model.name(), model.version(), now,
                factors, signals(snapshot.features()), snapshot.value(), action,
                Playbook.priority(score, snapshot.value(), action), suggestions(snapshot.recentProducts()),
                snapshot.complaints());
    }

    /** The playbook's action for an alert, or null without a playbook. */
    private RecommendedAction action(RiskLevel level, List<TopFactor> factors, Set<String> aspects,
                                     CustomerValue value) {
        return playbook == null ? null : playbook.choose(level, factors, aspects, value);
    }

    /**
     * A cancellation is churn itself, not a feature for the model to weigh: it is alerted at once, as of the
     * cancel's own time (so its id is a function of the input), whatever the model says and however short the
     * history. The customer is then held at {@code high} until they come back (browse, buy or log in after the
     * cancel): the model's scorings neither lower them, which would let complaints written after the cancel
     * raise them again as new alerts, nor alert on them again.
     *
     * @param score          the model's score as of the cancel, or NaN when scoring failed (the last score is sent)
     * @param recentProducts the hashes of the customer's last products, the most recent first
     * @param complaints     the customer's complaints of the last 30 days per aspect
     */
    ChurnAlert cancelled(String customerId, CustomerState state, float[] features, double score, long at,
                         CustomerValue value, int[] recentProducts, Map<String, Integer> complaints) {
        double shown = Double.isNaN(score) ? (Double.isNaN(state.lastScore) ? 0 : state.lastScore) : score;
        List<TopFactor> factors = Double.isNaN(score) ? List.of() : explainer.explain(features, topFactors);
        RecommendedAction action = action(RiskLevel.HIGH, factors, complaints.keySet(), value);
        ChurnAlert alert = new ChurnAlert(customerId + ":cancelled:" + at, customerId,
                Math.round(shown * 10_000) / 10_000.0, RiskLevel.HIGH, state.riskLevel, "cancelled", model.name(),
                model.version(), at, factors, signals(features), value, action,
                Playbook.priority(1.0, value, action), // the customer is leaving: the risk is certain
                suggestions(recentProducts), complaints);
        state.riskLevel = RiskLevel.HIGH;
        state.lastAlertAt = at;
        state.cancelledAt = at;
        metrics.alertEmitted(RiskLevel.HIGH.wireName());
        return alert;
    }

    /** How many recent products an alert's suggestions start from (0: no suggestions). */
    int productsForSuggestions() {
        return suggestionsPerAlert == 0 ? 0 : suggestionModel.recent();
    }

    private List<ProductSuggestion> suggestions(int[] recentProducts) {
        if (suggestionsPerAlert == 0) {
            return List.of();
        }
        List<ProductSuggestion> out = suggestionModel.suggest(recentProducts, suggestionsPerAlert);
        metrics.alertSuggestions(!out.isEmpty() && out.get(0).score() > 0 ? "similar" : "popular");
        return out;
    }

    private static Map<String, Float> signals(float[] features) {
        Map<String, Float> out = new LinkedHashMap<>();
        for (String name : SIGNALS) {
            out.put(name, features[FeatureSchema.indexOf(name)]);
        }
        return out;
    }
}
