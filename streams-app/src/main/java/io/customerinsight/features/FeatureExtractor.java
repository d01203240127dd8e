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
        int i = 0;
        f[i++] = (float) a.fiveMinutes.sum(Metric.EVENTS.ordinal(), asOf, 12);
        f[i++] = (float) a.hours.sum(Metric.EVENTS.ordinal(), asOf, 24);
        f[i++] = sum(d, Metric.EVENTS, asOf, 7);
        f[i++] = sum(d, Metric.EVENTS, asOf, 30);
        f[i++] = (float) a.hours.sum(Metric.SESSIONS.ordinal(), asOf, 24);
        f[i++] = sum(d, Metric.SESSIONS, asOf, 7);
        f[i++] = sum(d, Metric.SESSIONS, asOf, 30);
        f[i++] = sum(d, Metric.PAGE_VIEWS, asOf, 7);
        f[i++] = sum(d, Metric.SEARCHES, asOf, 7);
        f[i++] = sum(d, Metric.PRODUCT_VIEWS, asOf, 7);
        f[i++] = sum(d, Metric.ADD_TO_CART, asOf, 7);
        float carts30 = sum(d, Metric.ADD_TO_CART, asOf, 30);
        f[i++] = carts30;
        f[i++] = sum(d, Metric.PURCHASES, asOf, 7);
        float purchases30 = sum(d, Metric.PURCHASES, asOf, 30);
        f[i++] = purchases30;
        f[i++] = sum(d, Metric.SPEND, asOf, 7);
        f[i++] = sum(d, Metric.SPEND, asOf, 30);
        f[i++] = carts30 == 0 ? 0f : Math.max(0f, 1f - Math.min(1f, purchases30 / carts30));
        f[i++] = a.distinctProductsSince((int) (Math.floorDiv(asOf, DAY) - 29));
        f[i++] = sum(d, Metric.LOGINS, asOf, 30);
        f[i++] = sum(d, Metric.SUPPORT, asOf, 7);
        f[i++] = sum(d, Metric.SUPPORT, asOf, 30);
        f[i++] = sum(d, Metric.CANCELS, asOf, 30);
        f[i++] = d.activeUnits(asOf, 7);
        f[i++] = d.activeUnits(asOf, 30);
        f[i++] = daysSince(a.lastActivity(), asOf);
        f[i++] = daysSince(a.lastPurchase, asOf);
        f[i++] = a.isEmpty() ? 0f : Math.min(CAP_DAYS, Math.max(0f, (asOf - a.firstSeen) / (float) DAY));
        f[i++] = trend(d, Metric.EVENTS, asOf);
        f[i++] = trend(d, Metric.SESSIONS, asOf);
        float feedback = sum(d, Metric.FEEDBACK, asOf, 30);
        f[i++] = feedback;
        f[i++] = feedback == 0 ? 0f : sum(d, Metric.SENTIMENT_SUM, asOf, 30) / feedback;
        double min = d.min(Metric.SENTIMENT_MIN.ordinal(), Metric.FEEDBACK.ordinal(), asOf, 30);
        f[i++] = Double.isNaN(min) ? 0f : (float) min;
        f[i++] = sum(d, Metric.NEGATIVE_FEEDBACK, asOf, 30);
        f[i++] = sum(d, Metric.LOW_RATINGS, asOf, 30);
        assert i == f.length;
        return f;
    }

    private static float sum(BucketRing ring, Metric m, long asOf, int units) {
        return (float) ring.sum(m.ordinal(), asOf, units);
    }

    private static float trend(BucketRing ring, Metric m, long asOf) {
        double current = ring.sum(m.ordinal(), asOf, 7);
        double previous = ring.previousSum(m.ordinal(), asOf, 7);
        return (float) ((current - previous) / (current + previous + 1));
    }

    private static float daysSince(long ts, long asOf) {
        if (ts == Long.MIN_VALUE) {
            return CAP_DAYS;
        }
        return Math.min(CAP_DAYS, Math.max(0f, (asOf - ts) / (float) DAY));
    }
}
