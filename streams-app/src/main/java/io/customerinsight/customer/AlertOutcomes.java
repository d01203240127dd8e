package io.customerinsight.customer;

import io.customerinsight.alerts.ChurnAlert;
import io.customerinsight.events.ClickEvent;
import io.customerinsight.events.CustomerEvent;
import io.customerinsight.events.EventType;
import io.customerinsight.ops.InsightMetrics;
import io.customerinsight.outcomes.AlertOutcome;
import io.customerinsight.outcomes.OpenAlert;
import io.customerinsight.outcomes.OutcomeLabel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Decides, in event time, whether each alert came true: the customer churned within the alerting model's
 * horizon (it passed without qualifying activity, or the customer cancelled) or stayed (qualifying activity
 * came back). Cancellation alerts are churn already and get no outcome. An outcome is final once decided: a
 * late event older than the decision does not revise it.
 */
final class AlertOutcomes {
    private final InsightMetrics metrics;

    AlertOutcomes(InsightMetrics metrics) {
        this.metrics = metrics;
    }

    /** Opens the outcome of an alert just sent. */
    void opened(CustomerState state, ChurnAlert alert, OutcomeLabel label) {
        if ("cancelled".equals(alert.reason())) {
            return;
        }
        if (state.openAlerts.size() >= CustomerState.MAX_OPEN_ALERTS) {
            state.openAlerts.remove(0);
            metrics.outcomeDropped();
        }
        state.openAlerts.add(new OpenAlert(alert.alertId(), alert.riskLevel(), alert.reason(), alert.modelName(),
                alert.modelVersion(), alert.createdAt(), label.horizon().toMillis(), label.purchasesOnly()));
    }

    /** The alerts whose horizon ended at or before {@code time} without qualifying activity: churned. */
    List<AlertOutcome> expired(String customerId, CustomerState state, long time) {
        List<AlertOutcome> out = List.of();
        for (Iterator<OpenAlert> it = state.openAlerts.iterator(); it.hasNext(); ) {
            OpenAlert a = it.next();
            if (a.deadline() <= time) {
                it.remove();
                out = add(out, decided(customerId, a, "churned", "no_activity", a.deadline()));
            }
        }
        return out;
    }

    /**
     * What an event decides, after {@link #expired} for the time just before it: a cancel within a horizon is
     * churn, qualifying activity after an alert is retention.
     */
    List<AlertOutcome> onEvent(String customerId, CustomerState state, CustomerEvent event) {
        if (state.openAlerts.isEmpty() || !(event instanceof ClickEvent click)) {
            return List.of();
        }
        boolean cancel = click.eventType() == EventType.SUBSCRIPTION_CANCEL;
        List<AlertOutcome> out = List.of();
        for (Iterator<OpenAlert> it = state.openAlerts.iterator(); it.hasNext(); ) {
            OpenAlert a = it.next();
            long t = click.timestamp();
            if (t <= a.alertedAt() || t > a.deadline()) {
                continue;
            }
            if (cancel) {
                it.remove();
                out = add(out, decided(customerId, a, "churned", "cancelled", t));
            } else if (!a.purchasesOnly() || click.eventType() == EventType.PURCHASE) {
                it.remove();
                out = add(out, decided(customerId, a, "retained", "activity", t));
            }
        }
        return out;
    }

    private AlertOutcome decided(String customerId, OpenAlert a, String outcome, String evidence, long at) {
        metrics.alertOutcome(a.level().wireName(), a.reason(), a.modelVersion(), outcome);
        return new AlertOutcome(a.alertId(), customerId, a.level(), a.reason(), a.modelName(), a.modelVersion(),
                a.alertedAt(), Duration.ofMillis(a.horizonMillis()).toDays(), outcome, evidence, at);
    }

    private static List<AlertOutcome> add(List<AlertOutcome> out, AlertOutcome outcome) {
        List<AlertOutcome> list = out.isEmpty() ? new ArrayList<>(2) : out;
        list.add(outcome);
        return list;
    }
}
