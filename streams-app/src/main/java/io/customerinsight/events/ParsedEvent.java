package io.customerinsight.events;

/**
 * What the input deserializers return: the event, or the contract violation that prevented it. Keeping the
 * violation as a value (instead of throwing inside the consumer) lets the topology reject it as a
 * processing error, which Kafka Streams routes to the dead-letter topic with the original bytes, the same
 * way on a broker and in TopologyTestDriver.
 */
public record ParsedEvent<T>(T event, InvalidEventException error) {
    public static <T> ParsedEvent<T> valid(T event) {
        return new ParsedEvent<>(event, null);
    }

    public static <T> ParsedEvent<T> invalid(InvalidEventException error) {
        return new ParsedEvent<>(null, error);
    }

    /** A record without a value: on the clickstream, a request to erase the customer its key names. */
    public static <T> ParsedEvent<T> tombstone() {
        return new ParsedEvent<>(null, null);
    }

    public boolean isTombstone() {
        return event == null && error == null;
    }

    /** The event, or the violation thrown for the dead-letter handler. */
    public T orThrow() {
        if (error != null) {
            throw error;
        }
        return event;
    }
}
