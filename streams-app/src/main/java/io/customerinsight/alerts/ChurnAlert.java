package io.customerinsight.alerts;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.customerinsight.scoring.TopFactor;

import java.util.List;

/**
 * What retention and CRM systems read from {@code churn-alerts}. {@code alertId} (customer, level, time of
 * the scoring) names one alert, so a consumer can de-duplicate redelivered records on it; a replay of the
 * same input may score at other times. {@code reason} is {@code risk_increased} or {@code cooldown_elapsed};
 * {@code createdAt} is event time (epoch ms) of the scoring.
 */
public record ChurnAlert(
        String alertId,
        String customerId,
        double score,
        RiskLevel riskLevel,
        RiskLevel previousRiskLevel,
        String reason,
        String modelName,
        String modelVersion,
        long createdAt,
        List<TopFactor> topFactors) {
    public static final int SCHEMA_VERSION = 1;

    @JsonProperty("schemaVersion")
    public int schemaVersion() {
        return SCHEMA_VERSION;
    }
}
