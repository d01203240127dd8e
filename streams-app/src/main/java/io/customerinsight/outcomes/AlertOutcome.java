package io.customerinsight.outcomes;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.customerinsight.alerts.RiskLevel;

/**
 * Whether an alert came true, written to the outcomes topic when it is decided in event time: {@code churned}
 * when the horizon passed without qualifying activity or the customer cancelled within it, {@code retained}
 * when qualifying activity came back within it.
 *
 * @param alertReason {@code risk_increased} (a level entry) or {@code cooldown_elapsed} (a level that held)
 * @param evidence    {@code no_activity}, {@code cancelled} or {@code activity}
 * @param decidedAt   event time of the deciding event, or the horizon's end for {@code no_activity}
 */
public record AlertOutcome(String alertId, String customerId, RiskLevel riskLevel, String alertReason,
                           String modelName, String modelVersion, long alertedAt, long horizonDays,
                           String outcome, String evidence, long decidedAt) {
    public static final int SCHEMA_VERSION = 1;

    @JsonProperty("schemaVersion")
    public int schemaVersion() {
        return SCHEMA_VERSION;
    }

    public boolean churned() {
        return "churned".equals(outcome);
    }
}
