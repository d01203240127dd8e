package io.customerinsight.events;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Customer feedback (review, survey, ticket, chat, social post) as published by producers: a text, a rating
 * of 1 to 5, or both. {@code text} is null for a rating alone (a blank text counts as none).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FeedbackEvent(
        String feedbackId,
        String customerId,
        long timestamp,
        String channel,
        String text,
        Integer rating,
        String language) {

    public boolean hasText() {
        return text != null;
    }
}
