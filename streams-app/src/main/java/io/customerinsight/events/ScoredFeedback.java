package io.customerinsight.events;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Feedback after sentiment scoring: what is written to {@code feedback-scored} and what feeds the
 * customer's features. The text itself is not repeated here: downstream needs the score, not the words.
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
        String modelVersion) implements CustomerEvent {
}
