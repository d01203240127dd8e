package io.customerinsight.profiles;

import io.customerinsight.alerts.RiskLevel;
import io.customerinsight.events.WholeNumbers;
import io.customerinsight.features.Spend;
import io.customerinsight.value.CustomerValue;
import io.customerinsight.features.FeatureSchema;
import io.customerinsight.features.Standing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Builds the profile record from a customer's activity, features and latest score. */
public final class ProfileBuilder {
    /** The summary feature that changes with the mere passage of time. */
    public static final String RECENCY_FEATURE = "days_since_last_event";
    /** The features copied into {@link CustomerProfile#summary()}. */
    public static final List<String> SUMMARY_FEATURES = List.of(
            "events_7d", "sessions_7d", "sessions_30d", "purchases_30d", "spend_30d", "cart_abandonment_30d",
            "active_days_30d", "support_contacts_30d", RECENCY_FEATURE, "trend_events_7d", "purchases_365d",
            "spend_365d", "spend_lifetime", "active_weeks_365d", "purchase_cadence_days", "returns_90d");
    private static final int[] SUMMARY_INDEX = SUMMARY_FEATURES.stream().mapToInt(FeatureSchema::indexOf).toArray();
    private static final int[] SUMMARY_KEY_HASH = SUMMARY_FEATURES.stream().mapToInt(String::hashCode).toArray();
    private static final int RECENCY_POSITION = SUMMARY_FEATURES.indexOf(RECENCY_FEATURE);
    private static final int SPEND_30D = SUMMARY_FEATURES.indexOf("spend_30d");
    private static final int SPEND_365D = SUMMARY_FEATURES.indexOf("spend_365d");
    private static final int SPEND_LIFETIME = SUMMARY_FEATURES.indexOf("spend_lifetime");
    private static final int FEEDBACK = FeatureSchema.indexOf("feedback_30d");
    private static final int MEAN = FeatureSchema.indexOf("sentiment_mean_30d");
    private static final int MIN = FeatureSchema.indexOf("sentiment_min_30d");
    private static final int NEGATIVE = FeatureSchema.indexOf("negative_feedback_30d");

    private ProfileBuilder() {
    }

    /**
     * Times are epoch milliseconds, {@code Long.MIN_VALUE} for never. The summary holds the features as they
     * are written (their shortest decimals), and the money of {@code spend} to the cent (without it, the money
     * features' floats).
     */
    public static CustomerProfile build(String customerId, long asOf, long firstSeen, long lastActivity,
                                        long lastPurchase, float[] features, double score, RiskLevel level,
                                        String modelVersion, Long lapsedSince, CustomerValue value,
                                        CustomerProfile.Cluster cluster, Standing standing,
                                        Map<String, Integer> complaints, Spend spend) {
        Map<String, Double> summary = new LinkedHashMap<>(2 * SUMMARY_INDEX.length); // never resized
        for (int i = 0; i < SUMMARY_INDEX.length; i++) {
            summary.put(SUMMARY_FEATURES.get(i), summaryValue(i, features, spend));
        }
        return new CustomerProfile(customerId, asOf,
                orNull(firstSeen), orNull(lastActivity), orNull(lastPurchase),
                Segments.segmentOf(features, level, lapsedSince != null),
                shownScore(score), level, modelVersion, lapsedSince, sentiment(features),
                summary, value, cluster, satisfaction(standing),
                standing == null ? null : new CustomerProfile.Loyalty(standing.loyalty(), standing.tenureDays(),
                        standing.repeatPurchaseDays(), standing.activeQuarters()),
                complaints == null || complaints.isEmpty() ? null : complaints);
    }

    /** A churn score as a profile shows it, to four decimals. */
    public static double shownScore(double score) {
        return Math.round(score * 10_000) / 10_000.0;
    }

    /**
     * A hash of what a profile reader acts on, computed from what {@link #build} would build, without building
     * it (most profiles a backlog makes are replaced by a later one before they are published). Stored in the
     * customer's state and compared across restarts, so it must stay what earlier releases computed from the
     * built profile (enum hash codes are not stable across JVMs: the level counts by its ordinal). Left out, so
     * that the mere passage of time does not republish every quiet customer: the timestamp, the days since the
     * last event (readers have {@code lastActivityAt}) and score moves below 0.01; and the model version, so that
     * a new version republishes a customer only when what it says of them changed (then with its version).
     */
    public static long contentHash(long firstSeen, long lastActivity, long lastPurchase, float[] features,
                                   double score, RiskLevel level, Long lapsedSince, CustomerValue value,
                                   CustomerProfile.Cluster cluster, Standing standing,
                                   Map<String, Integer> complaints) {
        int summary = 0;
        for (int i = 0; i < SUMMARY_INDEX.length; i++) {
            if (i != RECENCY_POSITION) {
                // a map entry's hash, as the built profile's summary map of floats computed it before the money
                // was written to the cent (so a change of spend below the float's precision republishes nothing)
                summary = 31 * summary + (SUMMARY_KEY_HASH[i] ^ Float.hashCode(features[SUMMARY_INDEX[i]]));
            }
        }
        long valueHash = value == null ? 0 : combine(combine(combine(1,
                Long.hashCode(Math.round(value.expectedPurchases() * 10))),
                Long.hashCode(Math.round(value.expectedSpend()))),
                Long.hashCode(Math.round(value.probabilityAlive() * 100)));
        double rounded = shownScore(score);
        // Objects.hash of these values (boxed, in this order), without boxing them
        int hash = combine(combine(combine(1, timeHash(firstSeen)), timeHash(lastActivity)), timeHash(lastPurchase));
        hash = combine(hash, Segments.segmentOf(features, level, lapsedSince != null).hashCode());
        hash = combine(hash, Long.hashCode(Math.round(rounded * 100)));
        hash = combine(hash, level.ordinal());
        hash = combine(hash, widenedSentiment(features).hashCode());
        hash = combine(hash, summary);
        hash = combine(hash, Long.hashCode(valueHash));
        hash = combine(hash, cluster == null ? -1 : cluster.id());
        hash = combine(hash, Objects.hashCode(satisfaction(standing)));
        hash = combine(hash, standing == null ? -1 : standing.loyalty());
        hash = combine(hash, complaints == null || complaints.isEmpty() ? 0 : complaints.hashCode());
        // only a lapsed customer's hash counts it, so that every other stored hash stays what it was
        return lapsedSince == null ? hash : combine(hash, Long.hashCode(lapsedSince));
    }

    /** The i-th summary value: money to the cent from {@code spend}, else the feature's shortest decimal. */
    private static double summaryValue(int i, float[] features, Spend spend) {
        if (spend != null) {
            if (i == SPEND_30D) {
                return spend.last30d();
            } else if (i == SPEND_365D) {
                return spend.last365d();
            } else if (i == SPEND_LIFETIME) {
                return spend.lifetime();
            }
        }
        return WholeNumbers.asWritten(features[SUMMARY_INDEX[i]]);
    }

    private static int combine(int hash, int element) {
        return 31 * hash + element;
    }

    private static int timeHash(long time) {
        return time == Long.MIN_VALUE ? 0 : Long.hashCode(time);
    }

    private static CustomerProfile.Sentiment sentiment(float[] features) {
        return new CustomerProfile.Sentiment((int) features[FEEDBACK], WholeNumbers.asWritten(features[MEAN]),
                WholeNumbers.asWritten(features[MIN]), (int) features[NEGATIVE]);
    }

    /** The sentiment as earlier releases built it (the floats widened), whose hash the stored hashes hold. */
    private static CustomerProfile.Sentiment widenedSentiment(float[] features) {
        return new CustomerProfile.Sentiment((int) features[FEEDBACK], features[MEAN], features[MIN],
                (int) features[NEGATIVE]);
    }

    private static CustomerProfile.Satisfaction satisfaction(Standing standing) {
        return standing == null ? null : new CustomerProfile.Satisfaction(standing.satisfaction30d(),
                standing.satisfaction90d(), standing.feedback30d(), standing.feedback90d());
    }

    private static Long orNull(long time) {
        return time == Long.MIN_VALUE ? null : time;
    }
}
