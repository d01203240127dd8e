package io.customerinsight.customer;

import io.customerinsight.config.InsightConfig;
import io.customerinsight.features.FeatureExtractor;
import io.customerinsight.ops.InsightMetrics;
import io.customerinsight.profiles.CustomerProfile;
import io.customerinsight.profiles.ProfileBuilder;

import java.util.Map;
import java.util.Objects;

/**
 * Builds a scored customer's profile and decides whether to publish it: only when what a reader acts on
 * changed, and at most once per rescoring interval of event time per customer (a held-back profile is
 * owed, and the scheduler brings the customer back for it).
 */
final class ProfilePublisher {
    private final AlertDecider levels;
    private final long minInterval;
    private final String modelVersion;
    private final InsightMetrics metrics;

    ProfilePublisher(AlertDecider levels, InsightConfig config, String modelVersion, InsightMetrics metrics) {
        this.levels = levels;
        this.minInterval = config.minRescoreInterval().toMillis();
        this.modelVersion = modelVersion;
        this.metrics = metrics;
    }

    /** The profile as of the customer's last scoring; shared by the output topic and live queries. */
    CustomerProfile profileOf(String customerId, CustomerState state, float[] features) {
        return ProfileBuilder.build(customerId, state.lastScoredAt, state.activity, features, state.lastScore,
                levels.shownLevel(state), modelVersion);
    }

    /** The same, for a stored state: features recomputed as of its last scoring. */
    CustomerProfile profileOf(String customerId, CustomerState state) {
        return profileOf(customerId, state, FeatureExtractor.extract(state.activity, state.lastScoredAt));
    }

    /** Records the outcome in the state; returns the profile to publish now, or null. */
    CustomerProfile afterScoring(String customerId, CustomerState state, float[] features, long now) {
        CustomerProfile profile = profileOf(customerId, state, features);
        long hash = contentHash(profile);
        if (hash == state.profileHash) {
            state.profilePending = false;
            metrics.profileUpdate("unchanged");
            return null;
        }
        if (state.lastProfileAt == Long.MIN_VALUE || now - state.lastProfileAt >= minInterval) {
            state.lastProfileAt = now;
            state.profileHash = hash;
            state.profilePending = false;
            metrics.profileUpdate("published");
            return profile;
        }
        state.profilePending = true;
        metrics.profileUpdate("rate_limited");
        return null;
    }

    /**
     * A hash of what a profile reader acts on, stable across restarts (enum hash codes are not). Left out, so
     * that the mere passage of time does not republish every quiet customer: the timestamp, the days since
     * the last event (readers have {@code lastActivityAt}) and score moves below 0.01.
     */
    static long contentHash(CustomerProfile p) {
        int summary = 0;
        for (Map.Entry<String, Float> e : p.summary().entrySet()) {
            if (!e.getKey().equals(ProfileBuilder.RECENCY_FEATURE)) {
                summary = 31 * summary + e.hashCode();
            }
        }
        return Objects.hash(p.firstSeenAt(), p.lastActivityAt(), p.lastPurchaseAt(), p.segment(),
                Math.round(p.churnScore() * 100), p.riskLevel().ordinal(), p.modelVersion(), p.sentiment(), summary);
    }
}
