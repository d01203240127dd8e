package io.customerinsight.events;

/**
 * A record that breaks the event contract. Thrown by the deserializers and routed to the dead-letter
 * topic by {@code DeadLetteringExceptionHandler}; the message names the field, never the customer's text.
 */
public class InvalidEventException extends RuntimeException {
    private final DeadLetterReason reason;

    public InvalidEventException(DeadLetterReason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public DeadLetterReason reason() {
        return reason;
    }
}
