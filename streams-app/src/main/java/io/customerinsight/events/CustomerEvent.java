package io.customerinsight.events;

/** What the per-customer processor consumes: behaviour, scored feedback and erasures, merged in one stream. */
public sealed interface CustomerEvent permits ClickEvent, ScoredFeedback, CustomerErasure {
    String customerId();

    long timestamp();
}
