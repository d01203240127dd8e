package io.customerinsight.events;

import java.util.Locale;

/** Why a record went to the dead-letter topic. The wire form (lower case) is the {@code insight.dlq.reason} header. */
public enum DeadLetterReason {
    NOT_JSON,
    NOT_UTF8,
    MISSING_FIELD,
    WRONG_TYPE,
    INVALID_VALUE,
    TIMESTAMP_OUT_OF_RANGE,
    OVERSIZE,
    LATE_EVENT,
    /** feedback whose text is in a language no sentiment model reads, without a rating to go by */
    UNSUPPORTED_LANGUAGE,
    PROCESSING_ERROR,
    /** a customer's scoring failed (no source record: the dead letter names the customer and the model) */
    SCORING_FAILED,
    /** an output record the broker refused as too large (dead-lettered with its key, without the value) */
    OUTPUT_TOO_LARGE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
