package io.customerinsight.profiles;

import io.customerinsight.alerts.RiskLevel;
import io.customerinsight.value.CustomerValue;
import io.customerinsight.features.FeatureSchema;
import io.customerinsight.features.Standing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
    private static final int FEEDBACK = FeatureSchema.indexOf("feedback_30d");
    private static final int MEAN = FeatureSchema.indexOf("sentiment_mean_30d");
    private static final int MIN = FeatureSchema.indexOf("sentiment_min_30d");
    private static final int NEGATIVE = FeatureSchema.indexOf("negative_feedback_30d");

    private ProfileBuilder() {
    }

    /** Times are epoch milliseconds, {@code Long.MIN_VALUE} for never. */
    public static CustomerProfile build(String customerId, long asOf, long firstSeen, long lastActivity,
                                        long lastPurchase, float[] features, double score, RiskLevel level,
                                        String modelVersion, CustomerValue value, CustomerProfile.Cluster cluster,
                                        Standing standing, Map<String, Integer> complaints) {
        Map<String, Float> summary = new LinkedHashMap<>();
        for (int i = 0; i < SUMMARY_INDEX.length; i++) {
            summary.put(SUMMARY_FEATURES.get(i), features[SUMMARY_INDEX[i]]);
        }
        return new CustomerProfile(customerId, asOf,
                orNull(firstSeen), orNull(lastActivity), orNull(lastPurchase),
                Segments.segmentOf(features, level),
                Math.round(score * 10_000) / 10_000.0, level, modelVersion,
                new CustomerProfile.Sentiment((int) features[FEEDBACK], features[MEAN], features[MIN],
                        (int) features[NEGATIVE]),
                summary, value, cluster,
                standing == null ? null : new CustomerProfile.Satisfaction(standing.satisfaction30d(),
                        standing.satisfaction90d(), standing.feedback30d(), standing.feedback90d()),
                standing == null ? null : new CustomerProfile.Loyalty(standing.loyalty(), standing.tenureDays(),
                        standing.repeatPurchaseDays(), standing.activeQuarters()),
                complaints == null || complaints.isEmpty() ? null : complaints);
    }

    private static Long orNull(long time) {
        return time == Long.MIN_VALUE ? null : time;
    }
}
