package io.customerinsight.alerts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.customerinsight.scoring.TopFactor;
import io.customerinsight.suggestions.ProductSuggestion;
import io.customerinsight.value.CustomerValue;

import java.util.List;
import java.util.Map;

/**
 * What retention and CRM systems read from {@code churn-alerts}. {@code alertId} (customer, level, event
 * time of the scoring point) names one alert, so a consumer can de-duplicate redelivered records, and a
 * replay of the same input, on it. {@code reason} is {@code risk_increased}, {@code cooldown_elapsed}
 * or {@code cancelled} (the customer cancelled: churn itself, alerted at once whatever the model says);
 * {@code createdAt} is event time (epoch ms) of the scoring. {@code signals} are the customer's recent
 * complaints as the retention team reads them (support contacts, negative feedback and low ratings in the
 * last 30 days); added in schema version 1 as a new field, which readers may ignore. {@code value} is the
 * customer's expected value (absent without a value model or before a first purchase), likewise added.
 * {@code action} and {@code priority} (the playbook's next best action and the expected value of taking it)
 * {@code suggestions} (products the customer may buy next; absent without a suggestion model) and
 * {@code complaints} (the customer's complaints of the last 30 days per aspect; absent without any) were added
 * the same way.
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
        List<TopFactor> topFactors,
        Map<String, Float> signals,
        @JsonInclude(JsonInclude.Include.NON_NULL) CustomerValue value,
        @JsonInclude(JsonInclude.Include.NON_NULL) RecommendedAction action,
        double priority,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ProductSuggestion> suggestions,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Integer> complaints) {
    public static final int SCHEMA_VERSION = 1;

    @JsonProperty("schemaVersion")
    public int schemaVersion() {
        return SCHEMA_VERSION;
    }
}
