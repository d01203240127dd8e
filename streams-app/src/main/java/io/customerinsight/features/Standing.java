package io.customerinsight.features;

import io.customerinsight.events.ScoredFeedback;

import java.nio.ByteBuffer;

/**
 * How satisfied and how loyal a customer is, as of a point in time (README, "customer-profiles").
 *
 * <p>Satisfaction: each feedback message counts 1 to 5 stars as -1 to 1 ({@code (rating - 3) / 2}), or its
 * sentiment when it has no rating; the index is {@code 50 * (1 + mean)} over the messages of the last 30 days
 * (daily buckets) and of the last 13 weeks (weekly buckets), null without any.
 *
 * <p>Loyalty, 0 to 100: {@code 100 * (0.3 * tenure + 0.4 * repeat + 0.3 * regularity)}, where tenure is the
 * time since the first event over a year (at most 1), repeat the purchase days after the first over 6 (at most
 * 1), and regularity the share of the year's 13-week quarters since the first purchase (up to four) that have
 * a purchase.
 */
public record Standing(Double satisfaction30d, Double satisfaction90d, int feedback30d, int feedback90d,
                       int loyalty, int tenureDays, int repeatPurchaseDays, int activeQuarters) {
    private static final int QUARTER_WEEKS = 13;

    /** One message's satisfaction, -1 to 1. */
    public static double satisfactionOf(ScoredFeedback f) {
        return f.rating() != null ? (f.rating() - 3) / 2.0 : f.sentiment();
    }

    public static Standing of(CustomerActivity a, long asOf) {
        double feedback30 = a.days.sum(Metric.FEEDBACK.ordinal(), asOf, 30);
        double sum30 = a.days.sum(Metric.SATISFACTION_SUM.ordinal(), asOf, 30);
        // three passes over one metric each: this runs for every scoring that may publish a profile
        BucketRing weeks = a.longHistory.weeks;
        double feedback90 = weeks.sum(WeeklyMetric.FEEDBACK.ordinal(), asOf, QUARTER_WEEKS);
        double sum90 = weeks.sum(WeeklyMetric.SATISFACTION_SUM.ordinal(), asOf, QUARTER_WEEKS);
        double[] quarterPurchases = weeks.sums(WeeklyMetric.PURCHASES.ordinal(), asOf, QUARTER_WEEKS, 4);

        long day = Math.floorDiv(asOf, CustomerActivity.DAY);
        int tenureDays = a.isEmpty() ? 0 : (int) Math.max(0, (asOf - a.firstSeen()) / CustomerActivity.DAY);
        PurchaseDays purchases = a.purchaseDays();
        int repeat = purchases.repeatDays();
        int quartersSinceFirst = purchases.any()
                ? (int) Math.min(4, Math.floorDiv(day - purchases.firstDay(), QUARTER_WEEKS * 7L) + 1) : 0;
        int active = 0;
        for (int q = 0; q < quartersSinceFirst; q++) {
            active += quarterPurchases[q] > 0 ? 1 : 0;
        }
        double tenure = Math.min(1, tenureDays / 365.0);
        double repeatShare = Math.min(1, repeat / 6.0);
        double regularity = quartersSinceFirst == 0 ? 0 : active / (double) quartersSinceFirst;
        int loyalty = (int) Math.round(100 * (0.3 * tenure + 0.4 * repeatShare + 0.3 * regularity));
        return new Standing(index(sum30, feedback30), index(sum90, feedback90), (int) feedback30, (int) feedback90,
                loyalty, tenureDays, repeat, active);
    }

    private static Double index(double sum, double count) {
        return count == 0 ? null : Math.round(500 * (1 + sum / count)) / 10.0;
    }

    public static final int ENCODED_SIZE = 8 * 2 + 4 * 6;

    public void write(ByteBuffer out) {
        out.putDouble(satisfaction30d == null ? Double.NaN : satisfaction30d);
        out.putDouble(satisfaction90d == null ? Double.NaN : satisfaction90d);
        out.putInt(feedback30d);
        out.putInt(feedback90d);
        out.putInt(loyalty);
        out.putInt(tenureDays);
        out.putInt(repeatPurchaseDays);
        out.putInt(activeQuarters);
    }

    public static Standing read(ByteBuffer in) {
        double s30 = in.getDouble();
        double s90 = in.getDouble();
        return new Standing(Double.isNaN(s30) ? null : s30, Double.isNaN(s90) ? null : s90, in.getInt(), in.getInt(),
                in.getInt(), in.getInt(), in.getInt(), in.getInt());
    }
}
