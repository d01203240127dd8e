package io.customerinsight.features;

import static io.customerinsight.features.CustomerActivity.DAY;

/**
 * Turns a customer's activity into the feature vector of {@link FeatureSchema}, as of a point in time.
 * Pure and deterministic: the same activity and time give the same vector, live or in {@code replay}.
 */
public final class FeatureExtractor {
    private static final float CAP_DAYS = 365f;
    private static final float MAX_RECENCY_VS_CADENCE = 20f;
    /** the daily windows: the last 7 days, the last 30, the 7 before the last 7 */
    private static final BucketRing.WindowPlan DAILY =
            BucketRing.WindowPlan.of(new int[] {0, 0, 7}, new int[] {7, 30, 7});
    /** the weekly windows: the last 13 weeks, 26, 52, the 13 before the last 13 */
    private static final BucketRing.WindowPlan WEEKLY =
            BucketRing.WindowPlan.of(new int[] {0, 0, 0, 13}, new int[] {13, 26, 52, 13});

    private FeatureExtractor() {
    }

    public static float[] extract(CustomerActivity a, long asOf) {
        float[] f = new float[FeatureSchema.size()];
        BucketRing d = a.days;
        // every daily metric summed per window in one pass, indexed by Metric, active days last
        double[][] windows = d.windows(asOf, DAILY);
        double[] week = windows[0];
        double[] month = windows[1];
        double[] weekBefore = windows[2];
        int i = 0;
        f[i++] = (float) a.fiveMinutes.sum(Metric.EVENTS.ordinal(), asOf, 12);
        f[i++] = (float) a.hours.sum(Metric.EVENTS.ordinal(), asOf, 24);
        f[i++] = get(week, Metric.EVENTS);
        f[i++] = get(month, Metric.EVENTS);
        f[i++] = (float) a.hours.sum(Metric.SESSIONS.ordinal(), asOf, 24);
        f[i++] = get(week, Metric.SESSIONS);
        f[i++] = get(month, Metric.SESSIONS);
        f[i++] = get(week, Metric.PAGE_VIEWS);
        f[i++] = get(week, Metric.SEARCHES);
        f[i++] = get(week, Metric.PRODUCT_VIEWS);
        f[i++] = get(week, Metric.ADD_TO_CART);
        float carts30 = get(month, Metric.ADD_TO_CART);
        f[i++] = carts30;
        f[i++] = get(week, Metric.PURCHASES);
        float purchases30 = get(month, Metric.PURCHASES);
        f[i++] = purchases30;
        f[i++] = get(week, Metric.SPEND);
        f[i++] = get(month, Metric.SPEND);
        f[i++] = carts30 == 0 ? 0f : Math.max(0f, 1f - Math.min(1f, purchases30 / carts30));
        f[i++] = a.distinctProductsSince((int) (Math.floorDiv(asOf, DAY) - 29));
        f[i++] = get(month, Metric.LOGINS);
        f[i++] = get(week, Metric.SUPPORT);
        f[i++] = get(month, Metric.SUPPORT);
        f[i++] = get(month, Metric.CANCELS);
        f[i++] = (float) week[Metric.COUNT];
        f[i++] = (float) month[Metric.COUNT];
        f[i++] = daysSince(a.lastActivity(), asOf);
        f[i++] = daysSince(a.lastPurchase, asOf);
        f[i++] = a.isEmpty() ? 0f : Math.min(CAP_DAYS, Math.max(0f, (asOf - a.firstSeen) / (float) DAY));
        f[i++] = trend(week, weekBefore, Metric.EVENTS);
        f[i++] = trend(week, weekBefore, Metric.SESSIONS);
        float feedback = get(month, Metric.FEEDBACK);
        f[i++] = feedback;
        f[i++] = feedback == 0 ? 0f : get(month, Metric.SENTIMENT_SUM) / feedback;
        double min = d.min(Metric.SENTIMENT_MIN.ordinal(), Metric.FEEDBACK.ordinal(), asOf, 30);
        f[i++] = Double.isNaN(min) ? 0f : (float) min;
        f[i++] = get(month, Metric.NEGATIVE_FEEDBACK);
        f[i++] = get(month, Metric.LOW_RATINGS);
        i = longHorizons(a, asOf, f, i);
        assert i == f.length;
        return f;
    }

    private static int longHorizons(CustomerActivity a, long asOf, float[] f, int i) {
        LongHistory h = a.longHistory;
        double[][] windows = h.weeks.windows(asOf, WEEKLY);
        double[] quarter = windows[0];
        double[] half = windows[1];
        double[] year = windows[2];
        double[] quarterBefore = windows[3];
        for (WeeklyMetric m : new WeeklyMetric[] {WeeklyMetric.PURCHASES, WeeklyMetric.SPEND, WeeklyMetric.SESSIONS}) {
            f[i++] = (float) quarter[m.ordinal()];
            f[i++] = (float) half[m.ordinal()];
            f[i++] = (float) year[m.ordinal()];
        }
        f[i++] = (float) quarter[WeeklyMetric.COUNT];
        f[i++] = (float) half[WeeklyMetric.COUNT];
        f[i++] = (float) year[WeeklyMetric.COUNT];
        f[i++] = (float) quarter[WeeklyMetric.ACTIVE_DAYS.ordinal()];
        f[i++] = (float) h.lifetime(WeeklyMetric.EVENTS);
        f[i++] = (float) h.lifetime(WeeklyMetric.SESSIONS);
        double purchases = h.lifetime(WeeklyMetric.PURCHASES);
        double spend = h.lifetime(WeeklyMetric.SPEND);
        f[i++] = (float) purchases;
        f[i++] = (float) spend;
        PurchaseDays p = a.purchaseDays();
        f[i++] = p.repeatDays() + (p.any() ? 1 : 0);
        f[i++] = p.any() ? Math.max(0f, Math.floorDiv(asOf, DAY) - p.firstDay()) : 0f;
        float cadence = p.repeatDays() == 0 ? CAP_DAYS : (float) Math.max(1, p.meanGapDays());
        f[i++] = cadence;
        f[i++] = Math.min(MAX_RECENCY_VS_CADENCE, daysSince(a.lastPurchase, asOf) / cadence);
        f[i++] = trend(quarter, quarterBefore, WeeklyMetric.SPEND.ordinal());
        f[i++] = trend(quarter, quarterBefore, WeeklyMetric.PURCHASES.ordinal());
        double quarterPurchases = quarter[WeeklyMetric.PURCHASES.ordinal()];
        f[i++] = quarterPurchases == 0 || purchases == 0 ? 0f
                : (float) relativeChange(quarter[WeeklyMetric.SPEND.ordinal()] / quarterPurchases, spend / purchases);
        f[i++] = (float) quarter[WeeklyMetric.RETURNS.ordinal()];
        f[i++] = (float) quarter[WeeklyMetric.RETURNED_AMOUNT.ordinal()];
        double yearSpend = year[WeeklyMetric.SPEND.ordinal()];
        double yearReturned = year[WeeklyMetric.RETURNED_AMOUNT.ordinal()];
        f[i++] = yearReturned <= 0 ? 0f : yearSpend <= 0 ? 1f : (float) Math.min(1, yearReturned / yearSpend);
        f[i++] = (float) quarter[WeeklyMetric.ORDER_CANCELS.ordinal()];
        f[i++] = (float) quarter[WeeklyMetric.SUPPORT.ordinal()];
        f[i++] = (float) quarter[WeeklyMetric.NEGATIVE_FEEDBACK.ordinal()];
        return i;
    }

    private static double relativeChange(double now, double usual) {
        double sum = Math.abs(now) + Math.abs(usual);
        return sum == 0 ? 0 : (now - usual) / sum;
    }

    private static float get(double[] sums, Metric m) {
        return (float) sums[m.ordinal()];
    }

    private static float trend(double[] current, double[] previous, Metric m) {
        return trend(current, previous, m.ordinal());
    }

    private static float trend(double[] current, double[] previous, int metric) {
        double now = current[metric];
        double before = previous[metric];
        return (float) ((now - before) / (now + before + 1));
    }

    private static float daysSince(long ts, long asOf) {
        if (ts == Long.MIN_VALUE) {
            return CAP_DAYS;
        }
        return Math.min(CAP_DAYS, Math.max(0f, (asOf - ts) / (float) DAY));
    }
}
