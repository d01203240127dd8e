package io.customerinsight.features;

import io.customerinsight.events.ClickEvent;
import io.customerinsight.events.ScoredFeedback;
import org.junit.jupiter.api.Test;

import static io.customerinsight.testing.Events.DAY;
import static io.customerinsight.testing.Events.HOUR;
import static io.customerinsight.testing.Events.MINUTE;
import static io.customerinsight.testing.Events.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class FeatureExtractorTest {
    private final CustomerActivity activity = new CustomerActivity();
    private int seq;

    private void click(String type, long ts, String session) {
        activity.apply(new ClickEvent("e" + seq++, "c1", type, ts, session, null, null, null, null, null));
    }

    private void purchase(long ts, String session, double amount, String product) {
        activity.apply(new ClickEvent("e" + seq++, "c1", "purchase", ts, session, product, null, amount, "EUR", null));
    }

    private static float f(float[] v, String name) {
        return v[FeatureSchema.indexOf(name)];
    }

    @Test
    void eachHorizonCountsOnlyItsOwnWindow() {
        long now = T0 + 40 * DAY + 12 * HOUR; // noon
        click("page_view", now - 10 * MINUTE, "s1");          // 1h, 1d, 7d, 30d
        click("page_view", now - 3 * HOUR, "s2");             // 1d, 7d, 30d
        click("search", now - 3 * DAY, "s3");                 // 7d, 30d
        click("page_view", now - 20 * DAY, "s4");             // 30d
        click("page_view", now - 35 * DAY, "s5");             // none

        float[] v = FeatureExtractor.extract(activity, now);
        assertThat(f(v, "events_1h")).isEqualTo(1);
        assertThat(f(v, "events_1d")).isEqualTo(2);
        assertThat(f(v, "events_7d")).isEqualTo(3);
        assertThat(f(v, "events_30d")).isEqualTo(4);
        assertThat(f(v, "sessions_1d")).isEqualTo(2);
        assertThat(f(v, "sessions_7d")).isEqualTo(3);
        assertThat(f(v, "searches_7d")).isEqualTo(1);
        assertThat(f(v, "page_views_7d")).isEqualTo(2);
        assertThat(f(v, "active_days_7d")).isEqualTo(2);
        assertThat(f(v, "active_days_30d")).isEqualTo(3);
    }

    @Test
    void windowsSlideAsTimePassesWithoutNewEvents() {
        long t = T0 + 12 * HOUR;
        click("page_view", t, "s1");
        assertThat(f(FeatureExtractor.extract(activity, t + 30 * MINUTE), "events_1h")).isEqualTo(1);
        assertThat(f(FeatureExtractor.extract(activity, t + 2 * HOUR), "events_1h")).isZero();
        assertThat(f(FeatureExtractor.extract(activity, t + 2 * HOUR), "events_1d")).isEqualTo(1);
        assertThat(f(FeatureExtractor.extract(activity, t + 8 * DAY), "events_7d")).isZero();
        assertThat(f(FeatureExtractor.extract(activity, t + 8 * DAY), "events_30d")).isEqualTo(1);
        assertThat(f(FeatureExtractor.extract(activity, t + 8 * DAY), "days_since_last_event")).isCloseTo(8f, within(1e-4f));
        assertThat(f(FeatureExtractor.extract(activity, t + 31 * DAY), "events_30d")).isZero();
    }

    @Test
    void outOfOrderEventsLandInTheirOwnBuckets() {
        long now = T0 + 10 * DAY;
        click("page_view", now, "s1");
        click("page_view", now - 2 * DAY, "s0");   // arrives after a newer one
        float[] v = FeatureExtractor.extract(activity, now);
        assertThat(f(v, "events_7d")).isEqualTo(2);
        assertThat(f(v, "active_days_7d")).isEqualTo(2);
        assertThat(f(v, "days_since_last_event")).isZero();
    }

    @Test
    void spendCartsAbandonmentAndRecencyOfPurchase() {
        long now = T0 + 10 * DAY;
        click("add_to_cart", now - 5 * DAY, "s1");
        click("add_to_cart", now - 4 * DAY, "s2");
        click("add_to_cart", now - 3 * DAY, "s3");
        click("add_to_cart", now - 2 * DAY, "s4");
        purchase(now - 2 * DAY, "s4", 40.5, "p-1");
        float[] v = FeatureExtractor.extract(activity, now);
        assertThat(f(v, "purchases_7d")).isEqualTo(1);
        assertThat(f(v, "spend_30d")).isCloseTo(40.5f, within(1e-3f));
        assertThat(f(v, "cart_abandonment_30d")).isCloseTo(0.75f, within(1e-6f));
        assertThat(f(v, "days_since_last_purchase")).isCloseTo(2f, within(1e-4f));
        assertThat(f(v, "distinct_products_30d")).isEqualTo(1);
    }

    @Test
    void neverPurchasedMeansCappedRecency() {
        click("page_view", T0, "s1");
        assertThat(f(FeatureExtractor.extract(activity, T0 + DAY), "days_since_last_purchase")).isEqualTo(365f);
    }

    @Test
    void trendComparesTheLastSevenDaysWithTheSevenBefore() {
        long now = T0 + 30 * DAY;
        for (int i = 0; i < 6; i++) {
            click("page_view", now - 10 * DAY + i * HOUR, "old" + i);
        }
        click("page_view", now - DAY, "new");
        float[] v = FeatureExtractor.extract(activity, now);
        assertThat(f(v, "trend_events_7d")).isCloseTo((1f - 6f) / (1f + 6f + 1f), within(1e-6f));
        assertThat(f(v, "trend_sessions_7d")).isNegative();
    }

    @Test
    void sentimentMeanMinNegativeAndLowRatings() {
        long now = T0 + 5 * DAY;
        activity.apply(new ScoredFeedback("f1", "c1", now - DAY, "review", 1, "en", -0.8, "negative", false, "m", "1"));
        activity.apply(new ScoredFeedback("f2", "c1", now - DAY, "chat", null, "zh", 0.4, "positive", false, "m", "1"));
        activity.apply(new ScoredFeedback("f3", "c1", now - 2 * DAY, "survey", 4, "en", 0.1, "neutral", false, "m", "1"));
        float[] v = FeatureExtractor.extract(activity, now);
        assertThat(f(v, "feedback_30d")).isEqualTo(3);
        assertThat(f(v, "sentiment_mean_30d")).isCloseTo((-0.8f + 0.4f + 0.1f) / 3, within(1e-6f));
        assertThat(f(v, "sentiment_min_30d")).isCloseTo(-0.8f, within(1e-6f));
        assertThat(f(v, "negative_feedback_30d")).isEqualTo(1);
        assertThat(f(v, "low_ratings_30d")).isEqualTo(1);
    }

    @Test
    void stateSurvivesSerialization() {
        long now = T0 + 3 * DAY;
        click("page_view", now - HOUR, "s1");
        click("support_contact", now - DAY, "s2");
        purchase(now - 2 * DAY, "s3", 12, "p-9");
        activity.apply(new ScoredFeedback("f1", "c1", now - DAY, "review", 2, "en", -0.5, "negative", false, "m", "1"));
        CustomerActivity copy = CustomerActivity.fromBytes(activity.toBytes());
        assertThat(FeatureExtractor.extract(copy, now)).containsExactly(FeatureExtractor.extract(activity, now));
    }

    @Test
    void aStoredStateComputesExactlyWhatTheLiveOneDoesWhateverTheAmounts() {
        // sums are kept at the precision they are stored with, so a restart cannot change a feature
        long now = T0 + 3 * DAY;
        double[] amounts = {19.99, 0.1, 0.2, 1234.567, 3.3333, 7.01};
        for (int i = 0; i < amounts.length; i++) {
            purchase(now - i * HOUR, "s" + i, amounts[i], "p-" + i);
            activity.apply(new ScoredFeedback("f" + i, "c1", now - i * HOUR, "chat", null, "en", -0.37 + i * 0.21,
                    "neutral", false, "m", "1"));
        }
        CustomerActivity copy = CustomerActivity.fromBytes(activity.toBytes());
        for (long at = now; at <= now + 8 * DAY; at += DAY) {
            assertThat(FeatureExtractor.extract(copy, at)).containsExactly(FeatureExtractor.extract(activity, at));
        }
        purchase(now + MINUTE, "s9", 0.7, "p-9");
        copy.apply(new ClickEvent("e-copy", "c1", "purchase", now + MINUTE, "s9", "p-9", null, 0.7, "EUR", null));
        assertThat(copy.toBytes()).isEqualTo(activity.toBytes());
    }
}
