package io.customerinsight.features;

/**
 * What a time bucket counts. Hour and five-minute buckets keep only the first {@link #FINE_GRAINED} metrics.
 * Stored states mark metrics by ordinal: new ones go at the end (a state written before them reads as zero).
 */
enum Metric {
    EVENTS, SESSIONS, PAGE_VIEWS, SEARCHES, PRODUCT_VIEWS, ADD_TO_CART, REMOVE_FROM_CART, CHECKOUTS, PURCHASES,
    LOGINS, SUPPORT, CANCELS, UNKNOWN, SPEND, FEEDBACK, SENTIMENT_SUM, SENTIMENT_MIN, NEGATIVE_FEEDBACK, LOW_RATINGS,
    ORDER_CANCELS, RETURNS, RETURNED_AMOUNT, SATISFACTION_SUM;

    static final int FINE_GRAINED = 2;
    static final int COUNT = values().length;
}
