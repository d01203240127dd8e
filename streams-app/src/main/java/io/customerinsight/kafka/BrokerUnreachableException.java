package io.customerinsight.kafka;

/** No broker answered at the configured bootstrap servers within the time a command allows. */
public final class BrokerUnreachableException extends RuntimeException {
    public BrokerUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
