package io.customerinsight.events;

/**
 * A request to forget a customer (the right to erasure): a tombstone, a record with a null value, keyed by
 * the customer id on the clickstream topic. It takes effect where it stands in its partition, at the
 * partition's current time, not at a time of its own.
 */
public record CustomerErasure(String customerId, long timestamp) implements CustomerEvent {
}
