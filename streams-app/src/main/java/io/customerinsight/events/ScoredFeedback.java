package io.customerinsight.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * Feedback after sentiment scoring: what is written to {@code feedback-scored} and what feeds the
 * customer's features. The text itself is not repeated here: downstream needs the score, not the words.
 * {@code topics} (added within schema version 1): what the message is about, when the model directory has
 * complaint topics for its language; absent otherwise. Only complaints ({@link #isComplaint()}) count towards
 * a customer's complaints.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScoredFeedback(
        String feedbackId,
        String customerId,
        long timestamp,
        String channel,
        Integer rating,
        String language,
        double sentiment,
        String label,
        boolean truncated,
        String model,
        String modelVersion,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ComplaintTopic> topics) implements CustomerEvent {
    public static final int SCHEMA_VERSION = 1;

    @JsonProperty("schemaVersion")
    public int schemaVersion() {
        return SCHEMA_VERSION;
    }

    public ScoredFeedback(String feedbackId, String customerId, long timestamp, String channel, Integer rating,
                          String language, double sentiment, String label, boolean truncated, String model,
                          String modelVersion) {
        this(feedbackId, customerId, timestamp, channel, rating, language, sentiment, label, truncated, model,
                modelVersion, List.of());
    }

    /** Whether this feedback is a complaint: negative sentiment, or a rating of 1 or 2. */
    public boolean isComplaint() {
        return "negative".equals(label) || (rating != null && rating <= 2);
    }
}
