package io.customerinsight.features;

import static io.customerinsight.features.CustomerActivity.DAY;

/**
 * Turns a customer's activity into the feature vector of {@link FeatureSchema}, as of a point in time.
 * Pure and deterministic: the same activity and time give the same vector, live or in {@code replay}.
 */
public final class FeatureExtractor {
    private static final float CAP_DAYS = 365f;

    private FeatureExtractor() {
    }

    public static float[] extract(CustomerActivity a, long asOf) {
        float[] f = new float[FeatureSchema.size()];
        BucketRing d = a.days;
        double[] week = d.sums(asOf, 7); // every daily metric summed once per window, indexed by Metric
        double[] month = d.sums(asOf, 30);
        double[] weekBefore = d.sums(asOf - 7 * DAY, 7);
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
        f[i++] = d.activeUnits(asOf, 7);
        f[i++] = d.activeUnits(asOf, 30);
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
        assert i == f.length;
        return f;
    }

    private static float get(double[] sums, Metric m) {
        return (float) sums[m.ordinal()];
    }

    private static float trend(double[] current, double[] previous, Metric m) {
        double now = current[m.ordinal()];
        double before = previous[m.ordinal()];
        return (float) ((now - before) / (now + before + 1));
    }

    private static float daysSince(long ts, long asOf) {
        if (ts == Long.MIN_VALUE) {
            return CAP_DAYS;
        }
        return Math.min(CAP_DAYS, Math.max(0f, (asOf - ts) / (float) DAY));
    }
}
