package io.customerinsight.profiles;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.customerinsight.alerts.RiskLevel;
import io.customerinsight.value.CustomerValue;

import java.util.Map;

/**
 * The live customer 360 written to the compacted {@code customer-profiles} topic (latest value per
 * customer). Timestamps are event time in epoch milliseconds.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonSerialize(using = ProfileSerializer.class)
public record CustomerProfile(
        String customerId,
        long updatedAt,
        Long firstSeenAt,
        Long lastActivityAt,
        Long lastPurchaseAt,
        String segment,
        double churnScore,
        RiskLevel riskLevel,
        String modelVersion,
        Long lapsedSince,
        Sentiment sentiment,
        @JsonSerialize(using = SummarySerializer.class) Map<String, Double> summary,
        CustomerValue value,
        Cluster cluster,
        Satisfaction satisfaction,
        Loyalty loyalty,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Integer> complaints30d) {
    /** Version 1; fields added since (value, the long-horizon summary) did not change it. */
    public static final int SCHEMA_VERSION = 1;

    @JsonProperty("schemaVersion")
    public int schemaVersion() {
        return SCHEMA_VERSION;
    }

    public CustomerProfile withUpdatedAt(long time) {
        return new CustomerProfile(customerId, time, firstSeenAt, lastActivityAt, lastPurchaseAt, segment, churnScore,
                riskLevel, modelVersion, lapsedSince, sentiment, summary, value, cluster, satisfaction, loyalty,
                complaints30d);
    }

    /** The behavioural segment of the segment model (KMeans on the features): its cluster id and name. */
    public record Cluster(int id, String name) {
    }

    /**
     * Satisfaction from ratings and sentiment: 0 (all 1-star or most negative) to 100, over 30 days and over
     * 13 weeks; an index is absent without feedback in its window.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Satisfaction(Double index30d, Double index90d, int feedback30d, int feedback90d) {
    }

    /** Loyalty, 0 to 100, from tenure, repeat purchase days and the regularity of purchases by quarter. */
    public record Loyalty(int index, int tenureDays, int repeatPurchaseDays, int activeQuarters) {
    }

    /** Feedback summary over the last 30 days. */
    public record Sentiment(int feedback30d, double mean30d, double min30d, int negative30d) {
    }
}
