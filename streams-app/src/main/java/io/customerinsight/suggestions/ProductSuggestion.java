package io.customerinsight.suggestions;

/**
 * A product the customer may buy next. {@code score} is the summed co-purchase similarity to the customer's
 * recent products; 0 for a popular product suggested where similarity had nothing more to offer.
 */
public record ProductSuggestion(String productId, double score) {
}
