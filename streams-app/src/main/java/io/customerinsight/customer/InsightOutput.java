package io.customerinsight.customer;

import io.customerinsight.alerts.ChurnAlert;
import io.customerinsight.events.ScoredFeedback;
import io.customerinsight.outcomes.AlertOutcome;
import io.customerinsight.profiles.CustomerProfile;
import io.customerinsight.shadow.ShadowScore;

/**
 * What the customer processor emits; the topology splits it to the alert, profile and scored-feedback
 * topics. Feedback is published once the customer's state has taken it, so that a message rejected as too
 * late for the state appears in no output.
 */
public sealed interface InsightOutput {
    record Alert(ChurnAlert alert) implements InsightOutput {
    }

    record Profile(CustomerProfile profile) implements InsightOutput {
    }

    record Feedback(ScoredFeedback feedback) implements InsightOutput {
    }

    record Failure(ScoringFailure failure) implements InsightOutput {
    }

    record Shadow(ShadowScore score) implements InsightOutput {
    }

    record Outcome(AlertOutcome outcome) implements InsightOutput {
    }
}
