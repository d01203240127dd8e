package io.customerinsight.customer;

import io.customerinsight.alerts.ChurnAlert;
import io.customerinsight.deadletter.DeadLetterRecords;
import io.customerinsight.events.DeadLetterReason;
import io.customerinsight.events.ScoredFeedback;
import io.customerinsight.ops.InsightMetrics;
import io.customerinsight.outcomes.AlertOutcome;
import io.customerinsight.profiles.CustomerProfile;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

import java.util.List;

/**
 * What the customer stage sends on, each record carrying the event time it is about: scored feedback,
 * alerts with the outcomes they open, profiles (published at once, or held for the commit when
 * {@code insight.profile.coalesce} is on), decided outcomes, the challenger's comparisons, tombstones of
 * forgotten customers and the dead letters of failed scorings.
 */
final class CustomerOutputs {
    private final ProcessorContext<String, InsightOutput> context;
    private final TaskModels models;
    private final AlertOutcomes outcomes;
    private final InsightMetrics metrics;
    /** profiles waiting for the commit, or null when every profile is published as it is made */
    private final HeldProfiles heldProfiles;

    CustomerOutputs(ProcessorContext<String, InsightOutput> context, KeyValueStore<String, CustomerState> customers,
                    boolean coalesceProfiles, TaskModels models, AlertOutcomes outcomes, InsightMetrics metrics) {
        this.context = context;
        this.models = models;
        this.outcomes = outcomes;
        this.metrics = metrics;
        this.heldProfiles = coalesceProfiles ? HeldProfiles.attach(context, customers, metrics) : null;
    }

    void feedback(Record<String, ?> source, ScoredFeedback feedback) {
        context.forward(source.withValue(new InsightOutput.Feedback(feedback)));
    }

    void outcomes(String customerId, List<AlertOutcome> decided) {
        if (decided.isEmpty()) {
            return; // as nearly always: twice per event, and an empty list's iterator is still an allocation
        }
        for (AlertOutcome outcome : decided) {
            context.forward(new Record<>(customerId, new InsightOutput.Outcome(outcome), outcome.decidedAt()));
        }
    }

    void alert(String customerId, ChurnAlert alert, long at) {
        context.forward(new Record<>(customerId, new InsightOutput.Alert(alert), at));
    }

    /** The alert and the profile the model's score of a snapshot makes, if any. */
    void decided(String customerId, CustomerState state, Snapshot snapshot, double score,
                 CustomerProfile.Cluster cluster) {
        double scoreBefore = state.lastScoredAt == snapshot.asOf() ? state.lastScore : Double.NaN;
        ChurnAlert alert = models.alerts().decide(customerId, state, snapshot, score);
        if (alert != null) {
            alert(customerId, alert, snapshot.asOf());
            outcomes.opened(state, alert, models.outcomeLabel());
        }
        ProfilePublisher.Draft profile = models.profiles().afterScoring(state, snapshot, cluster, scoreBefore);
        if (profile == null) {
            return;
        }
        if (heldProfiles != null) {
            heldProfiles.hold(customerId, state, profile);
        } else {
            context.forward(new Record<>(customerId, new InsightOutput.Profile(profile.toProfile(customerId)),
                    snapshot.asOf()));
            metrics.profileUpdate("published");
        }
    }

    void shadow(String customerId, long asOf, double score, double challengerScore) {
        InsightOutput.Shadow compared = new InsightOutput.Shadow(models.shadow()
                .compare(customerId, asOf, score, challengerScore));
        context.forward(new Record<>(customerId, compared, asOf));
    }

    /**
     * A customer deleted (after the retention, or erased) leaves the compacted profile topic too: a tombstone,
     * in place of any profile still held for the commit.
     */
    void forget(String customerId, long at) {
        if (heldProfiles != null) {
            heldProfiles.drop(customerId);
        }
        context.forward(new Record<>(customerId, new InsightOutput.Profile(null), at));
        metrics.profileUpdate("deleted");
    }

    /** A failed scoring's dead letter: there is no source record, so it names the customer, the model and why. */
    void scoringFailed(String customerId, RuntimeException e, long asOf) {
        ChurnScoring scoring = models.scoring();
        ScoringFailure failure = new ScoringFailure(customerId, scoring.modelName(), scoring.modelVersion(),
                DeadLetterReason.SCORING_FAILED.wireName(), e.getClass().getName(), asOf);
        context.forward(new Record<>(customerId, new InsightOutput.Failure(failure), asOf,
                DeadLetterRecords.scoringFailure(customerId, scoring.modelVersion(), e, CustomerStage.PROCESSOR)));
        metrics.deadLetterWritten(DeadLetterReason.SCORING_FAILED.wireName());
    }

    /** Profiles held for a commit that will not come (the task is closing) are dropped, not published. */
    void discardHeld() {
        if (heldProfiles != null) {
            heldProfiles.discard();
        }
    }
}
