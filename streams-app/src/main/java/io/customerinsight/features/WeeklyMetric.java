package io.customerinsight.features;

/**
 * What the weekly buckets and the lifetime totals of {@link LongHistory} count: the long horizons need fewer
 * metrics than the daily buckets. Stored states mark metrics by ordinal: new ones go at the end.
 */
enum WeeklyMetric {
    EVENTS, SESSIONS, ACTIVE_DAYS, PURCHASES, SPEND, RETURNS, RETURNED_AMOUNT, ORDER_CANCELS, SUPPORT,
    NEGATIVE_FEEDBACK, FEEDBACK, SATISFACTION_SUM;

    static final int COUNT = values().length;
}
