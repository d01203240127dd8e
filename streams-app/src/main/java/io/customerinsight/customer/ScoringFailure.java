package io.customerinsight.customer;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The value of a dead letter for a customer whose scoring failed in a batched model call. Such a failure has
 * no source record to send, so the dead letter names the customer, the model and why; the customer is
 * retried after {@code insight.rescore.min.interval} of event time, and the other customers of the call go
 * on.
 */
public record ScoringFailure(String customerId, String modelName, String modelVersion, String reason,
                             String exception, long scoredAsOf) {
    public static final int SCHEMA_VERSION = 1;

    @JsonProperty("schemaVersion")
    public int schemaVersion() {
        return SCHEMA_VERSION;
    }
}
