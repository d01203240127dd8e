package io.customerinsight.features;

import java.nio.ByteBuffer;

import static io.customerinsight.features.CustomerActivity.DAY;

/**
 * A customer's long horizons: {@link WeeklyMetric}s by week over a year (53 weekly buckets, so that the
 * current week and the 52 before it are held) and the same metrics summed over the customer's whole life in
 * the state. Weeks are aligned to the epoch, so they start on Thursday 00:00 UTC. Memory is constant however
 * long the history; the lifetime totals forget a customer only when the retention deletes the state.
 */
final class LongHistory {
    static final long WEEK = 7 * DAY;
    static final int WEEKLY_BUCKETS = 53;

    final BucketRing weeks = new BucketRing(WEEKLY_BUCKETS, WEEK, WeeklyMetric.COUNT);
    private final double[] lifetime = new double[WeeklyMetric.COUNT];

    void add(long ts, WeeklyMetric metric, double delta) {
        lifetime[metric.ordinal()] += delta;
        weeks.add(ts, metric.ordinal(), delta);
    }

    double lifetime(WeeklyMetric metric) {
        return lifetime[metric.ordinal()];
    }

    /**
     * Starts the long history of a state written before it existed: from the daily buckets (32 days) for
     * every metric, with lifetime purchases and spend taken from the purchase days, which reach further.
     */
    void rebuildFrom(BucketRing days, PurchaseDays purchaseDays) {
        days.forEachUnit((day, values) -> {
            long ts = day * DAY;
            add(ts, WeeklyMetric.EVENTS, values[Metric.EVENTS.ordinal()]);
            add(ts, WeeklyMetric.ACTIVE_DAYS, values[Metric.EVENTS.ordinal()] > 0 ? 1 : 0);
            add(ts, WeeklyMetric.SESSIONS, values[Metric.SESSIONS.ordinal()]);
            add(ts, WeeklyMetric.PURCHASES, values[Metric.PURCHASES.ordinal()]);
            add(ts, WeeklyMetric.SPEND, values[Metric.SPEND.ordinal()]);
            add(ts, WeeklyMetric.RETURNS, values[Metric.RETURNS.ordinal()]);
            add(ts, WeeklyMetric.RETURNED_AMOUNT, values[Metric.RETURNED_AMOUNT.ordinal()]);
            add(ts, WeeklyMetric.ORDER_CANCELS, values[Metric.ORDER_CANCELS.ordinal()]);
            add(ts, WeeklyMetric.SUPPORT, values[Metric.SUPPORT.ordinal()]);
            add(ts, WeeklyMetric.NEGATIVE_FEEDBACK, values[Metric.NEGATIVE_FEEDBACK.ordinal()]);
            add(ts, WeeklyMetric.FEEDBACK, values[Metric.FEEDBACK.ordinal()]);
            add(ts, WeeklyMetric.SATISFACTION_SUM, values[Metric.SATISFACTION_SUM.ordinal()]);
        });
        lifetime[WeeklyMetric.PURCHASES.ordinal()] = Math.max(lifetime(WeeklyMetric.PURCHASES),
                purchaseDays.repeatDays() + (purchaseDays.any() ? 1 : 0));
        lifetime[WeeklyMetric.SPEND.ordinal()] = Math.max(lifetime(WeeklyMetric.SPEND), purchaseDays.totalValue());
    }

    /** The weekly feedback and satisfaction of a state written before they were kept, from its daily buckets. */
    void rebuildFeedbackFrom(BucketRing days) {
        days.forEachUnit((day, values) -> {
            add(day * DAY, WeeklyMetric.FEEDBACK, values[Metric.FEEDBACK.ordinal()]);
            add(day * DAY, WeeklyMetric.SATISFACTION_SUM, values[Metric.SATISFACTION_SUM.ordinal()]);
        });
    }

    int encodedSize() {
        int size = weeks.encodedSize() + 2;
        for (double v : lifetime) {
            size += v != 0 ? 8 : 0;
        }
        return size;
    }

    void write(ByteBuffer out) {
        weeks.write(out);
        int mask = 0;
        for (int m = 0; m < lifetime.length; m++) {
            mask |= lifetime[m] != 0 ? 1 << m : 0;
        }
        out.putShort((short) mask);
        for (double v : lifetime) {
            if (v != 0) {
                out.putDouble(v);
            }
        }
    }

    void read(ByteBuffer in) {
        weeks.read(in);
        int mask = Short.toUnsignedInt(in.getShort());
        for (int m = 0; m < lifetime.length; m++) {
            if ((mask & (1 << m)) != 0) {
                lifetime[m] = in.getDouble();
            }
        }
    }
}
