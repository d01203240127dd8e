package io.customerinsight.events;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Customer feedback (review, survey, ticket, chat, social post) as published by producers. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FeedbackEvent(
        String feedbackId,
        String customerId,
        long timestamp,
        String channel,
        String text,
        Integer rating,
        String language) {
}
