package io.customerinsight.shadow;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.customerinsight.alerts.RiskLevel;

/**
 * One scoring of a customer by the champion (the churn model that decides) and the challenger (scoring the
 * same snapshot in shadow), written to the shadow topic. Levels are each model's own thresholds applied to
 * its score alone (no hysteresis), so that the two compare like with like.
 *
 * @param asOf  the scoring point (event time)
 * @param agree whether both models put the customer in the same level
 */
public record ShadowScore(String customerId, long asOf, Verdict champion, Verdict challenger, boolean agree) {
    public static final int SCHEMA_VERSION = 1;

    /** A model's score and level for the scoring. */
    public record Verdict(String modelName, String modelVersion, double score, RiskLevel riskLevel) {
    }

    @JsonProperty("schemaVersion")
    public int schemaVersion() {
        return SCHEMA_VERSION;
    }
}
