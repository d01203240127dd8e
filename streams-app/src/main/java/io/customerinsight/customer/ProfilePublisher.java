package io.customerinsight.customer;

import io.customerinsight.alerts.RiskLevel;
import io.customerinsight.config.InsightConfig;
import io.customerinsight.features.CustomerActivity;
import io.customerinsight.features.FeatureExtractor;
import io.customerinsight.features.Spend;
import io.customerinsight.features.Standing;
import io.customerinsight.ops.InsightMetrics;
import io.customerinsight.profiles.CustomerProfile;
import io.customerinsight.profiles.ProfileBuilder;
import io.customerinsight.scoring.SegmentModel;
import io.customerinsight.value.ValueModel;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds a scored customer's profile and decides whether to publish it: only when what a reader acts on
 * changed, and at most once per rescoring interval of event time per customer (a held-back profile is
 * owed, and the scheduler brings the customer back for it).
 */
final class ProfilePublisher {
    private static final Logger log = LoggerFactory.getLogger(ProfilePublisher.class);
    private final AlertDecider levels;
    private final long minInterval;
    private final String modelVersion;
    private final InsightMetrics metrics;
    private final ValueModel valueModel;
    private final SegmentModel segments;

    /**
     * @param valueModel the customer value model, or null for none
     * @param segments   the behavioural segment model, or null for none
     */
    ProfilePublisher(AlertDecider levels, InsightConfig config, String modelVersion, InsightMetrics metrics,
                     ValueModel valueModel, SegmentModel segments) {
        this.valueModel = valueModel;
        this.segments = segments;
        this.levels = levels;
        this.minInterval = config.minRescoreInterval().toMillis();
        this.modelVersion = modelVersion;
        this.metrics = metrics;
    }

    /**
     * The behavioural cluster of every snapshot that may publish a profile (null for the others), in one
     * model call. Without a segment model, or if it fails, profiles go out without a cluster.
     */
    CustomerProfile.Cluster[] clusters(List<Snapshot> snapshots) {
        CustomerProfile.Cluster[] out = new CustomerProfile.Cluster[snapshots.size()];
        if (segments == null) {
            return out;
        }
        List<float[]> rows = new ArrayList<>();
        for (Snapshot s : snapshots) {
            if (s.mayPublishProfile()) {
                rows.add(s.features());
            }
        }
        try {
            int[] assigned = segments.assign(rows.toArray(new float[0][]));
            for (int i = 0, row = 0; i < out.length; i++) {
                if (snapshots.get(i).mayPublishProfile()) {
                    out[i] = cluster(assigned[row++]);
                }
            }
        } catch (RuntimeException e) {
            log.warn("segment model failed; these profiles go out without a cluster", e);
            metrics.segmentFailure();
        }
        return out;
    }

    private CustomerProfile.Cluster cluster(int id) {
        return new CustomerProfile.Cluster(id, segments.name(id));
    }

    /**
     * What a decided snapshot's profile is made of: the snapshot and what the decision said (score, level,
     * cluster, the model's version). A profile held for the commit is built only if nothing replaces it first.
     */
    record Draft(Snapshot snapshot, double score, RiskLevel level, String modelVersion, Long lapsedSince,
                 CustomerProfile.Cluster cluster) {
        CustomerProfile toProfile(String customerId) {
            return ProfileBuilder.build(customerId, snapshot.asOf(), snapshot.firstSeen(), snapshot.lastActivity(),
                    snapshot.lastPurchase(), snapshot.features(), score, level, modelVersion, lapsedSince,
                    snapshot.value(), cluster, snapshot.standing(), snapshot.complaints(), snapshot.spend());
        }

        long contentHash() {
            return ProfileBuilder.contentHash(snapshot.firstSeen(), snapshot.lastActivity(), snapshot.lastPurchase(),
                    snapshot.features(), score, level, lapsedSince, snapshot.value(), cluster, snapshot.standing(),
                    snapshot.complaints());
        }
    }

    /** The profile of a stored state, for live queries: features recomputed as of its last decided scoring. */
    CustomerProfile profileOf(String customerId, CustomerState state) {
        CustomerActivity a = state.activity;
        float[] features = FeatureExtractor.extract(a, state.lastScoredAt);
        return ProfileBuilder.build(customerId, state.lastScoredAt, a.isEmpty() ? Long.MIN_VALUE : a.firstSeen(),
                a.lastActivity(), a.lastPurchase(), features, state.lastScore,
                levels.shownLevel(state, a.firstSeen()), modelVersion,
                levels.lapsedSince(a.lastActivity(), state.lastScoredAt),
                valueModel == null ? null : valueModel.estimate(a.purchaseDays(), state.lastScoredAt),
                segments == null ? null : cluster(segments.assign(new float[][] {features})[0]),
                Standing.of(a, state.lastScoredAt), a.complaintAspects(state.lastScoredAt),
                Spend.of(a, state.lastScoredAt));
    }

    /**
     * Whether a snapshot as of {@code asOf} may publish a profile: at most one per rescoring interval of event
     * time per customer. Decided when the snapshot is taken, so that it does not depend on when the model
     * runs; a refused one leaves a profile owed, which the scheduler brings back at the interval's end. A
     * point taken again with a late event has the slot it had.
     */
    boolean claimSlot(CustomerState state, long asOf) {
        if (asOf == state.profileSlotAt) {
            state.profileOwed = false;
            return true;
        }
        if (state.profileSlotAt == Long.MIN_VALUE || asOf - state.profileSlotAt >= minInterval) {
            state.profileSlotAt = asOf;
            state.slotPublished = false;
            state.profileOwed = false;
            return true;
        }
        state.profileOwed = true;
        return false;
    }

    /**
     * After the snapshot's decision is in the state: what the profile to publish is made of, or null.
     *
     * @param scoreBefore the score the snapshot's point had when it was decided before (a point taken again
     *                    with a late event), NaN if it was not
     */
    Draft afterScoring(CustomerState state, Snapshot snapshot, CustomerProfile.Cluster cluster, double scoreBefore) {
        if (!snapshot.mayPublishProfile()) {
            metrics.profileUpdate("rate_limited");
            return null;
        }
        Draft draft = new Draft(snapshot, state.lastScore, levels.shownLevel(state, snapshot.firstSeen()),
                modelVersion, levels.lapsedSince(snapshot.lastActivity(), snapshot.asOf()), cluster);
        long hash = draft.contentHash();
        // a reader's change is a move of 0.01; a point taken again must end where a timely event leaves it
        boolean movedAtPublishedPoint = state.slotPublished && snapshot.asOf() == state.profileSlotAt
                && !Double.isNaN(scoreBefore)
                && ProfileBuilder.shownScore(scoreBefore) != ProfileBuilder.shownScore(state.lastScore);
        if (hash == state.profileHash && !movedAtPublishedPoint) {
            metrics.profileUpdate("unchanged");
            return null;
        }
        state.profileHash = hash;
        state.slotPublished = true;
        return draft;
    }
}
