package io.customerinsight.profiles;

import io.customerinsight.alerts.RiskLevel;
import io.customerinsight.features.FeatureSchema;

/**
 * The persona rule set. The first rule that matches names the segment:
 * <ol>
 *   <li>{@code lapsed}: silent for longer than the churn model judges (churned by its label already)</li>
 *   <li>{@code at_risk}: churn risk level is high</li>
 *   <li>{@code dormant}: no activity for 14 days or more</li>
 *   <li>{@code unhappy}: 2+ negative feedback messages in 30 days, or mean sentiment at or below -0.4</li>
 *   <li>{@code vip}: 5+ purchases or spend of 500+ in 30 days</li>
 *   <li>{@code new}: first seen less than 14 days ago</li>
 *   <li>{@code engaged}: active on 3+ of the last 7 days</li>
 *   <li>{@code browser}: 3+ sessions but no purchase in 30 days</li>
 *   <li>{@code casual}: everyone else</li>
 * </ol>
 */
public final class Segments {
    private static final int DAYS_SINCE_LAST = FeatureSchema.indexOf("days_since_last_event");
    private static final int NEGATIVE = FeatureSchema.indexOf("negative_feedback_30d");
    private static final int FEEDBACK = FeatureSchema.indexOf("feedback_30d");
    private static final int SENTIMENT_MEAN = FeatureSchema.indexOf("sentiment_mean_30d");
    private static final int PURCHASES = FeatureSchema.indexOf("purchases_30d");
    private static final int SPEND = FeatureSchema.indexOf("spend_30d");
    private static final int TENURE = FeatureSchema.indexOf("tenure_days");
    private static final int ACTIVE_7D = FeatureSchema.indexOf("active_days_7d");
    private static final int SESSIONS_30D = FeatureSchema.indexOf("sessions_30d");

    private Segments() {
    }

    /** @param lapsed whether the customer is silent for longer than the churn model judges */
    public static String segmentOf(float[] f, RiskLevel risk, boolean lapsed) {
        if (lapsed) {
            return "lapsed"; // the level is the model's last judgement before the silence, not a risk now
        }
        if (risk == RiskLevel.HIGH) {
            return "at_risk";
        }
        if (f[DAYS_SINCE_LAST] >= 14) {
            return "dormant";
        }
        if (f[NEGATIVE] >= 2 || (f[FEEDBACK] > 0 && f[SENTIMENT_MEAN] <= -0.4f)) {
            return "unhappy";
        }
        if (f[PURCHASES] >= 5 || f[SPEND] >= 500) {
            return "vip";
        }
        if (f[TENURE] < 14) {
            return "new";
        }
        if (f[ACTIVE_7D] >= 3) {
            return "engaged";
        }
        if (f[SESSIONS_30D] >= 3 && f[PURCHASES] == 0) {
            return "browser";
        }
        return "casual";
    }
}
