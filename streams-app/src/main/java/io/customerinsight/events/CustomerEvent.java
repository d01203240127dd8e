package io.customerinsight.events;

/** What the per-customer processor consumes: behaviour and scored feedback, merged in one stream. */
public sealed interface CustomerEvent permits ClickEvent, ScoredFeedback {
    String customerId();

    long timestamp();
}
