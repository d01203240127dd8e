package io.customerinsight.events;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One clickstream event as published by producers (see README, "Event contract").
 * {@code timestamp} is normalised to epoch milliseconds when parsed.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClickEvent(
        String eventId,
        String customerId,
        String type,
        long timestamp,
        String sessionId,
        String productId,
        String category,
        Double amount,
        String currency,
        String channel) implements CustomerEvent {

    public EventType eventType() {
        return EventType.fromWire(type);
    }
}
