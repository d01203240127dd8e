package io.customerinsight.features;

import io.customerinsight.events.ClickEvent;
import io.customerinsight.events.ScoredFeedback;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.Arrays;

import static io.customerinsight.testing.Events.DAY;
import static io.customerinsight.testing.Events.HOUR;
import static io.customerinsight.testing.Events.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LongHorizonFeaturesTest {
    private static final long NOW = T0 + 500 * DAY + 12 * HOUR;
    private final CustomerActivity activity = new CustomerActivity();
    private int seq;

    private void event(String type, long ts, Double amount) {
        activity.apply(new ClickEvent("e" + seq++, "c1", type, ts, "s" + seq, null, null, amount, "GBP", null));
    }

    private float f(String name) {
        return FeatureExtractor.extract(activity, NOW)[FeatureSchema.indexOf(name)];
    }

    @Test
    void purchasesAndSpendReachBackAYearInWholeWeeksAndLifetimeFurther() {
        event("purchase", NOW - 10 * DAY, 10.0);   // 90d, 180d, 365d
        event("purchase", NOW - 100 * DAY, 20.0);  // 180d, 365d (13 weeks reach back 84 to 91 days)
        event("purchase", NOW - 200 * DAY, 40.0);  // 365d
        event("purchase", NOW - 400 * DAY, 80.0);  // lifetime only
        reorder();

        assertThat(f("purchases_90d")).isEqualTo(1);
        assertThat(f("purchases_180d")).isEqualTo(2);
        assertThat(f("purchases_365d")).isEqualTo(3);
        assertThat(f("purchases_lifetime")).isEqualTo(4);
        assertThat(f("spend_90d")).isEqualTo(10);
        assertThat(f("spend_180d")).isEqualTo(30);
        assertThat(f("spend_365d")).isEqualTo(70);
        assertThat(f("spend_lifetime")).isEqualTo(150);
        assertThat(f("sessions_365d")).isEqualTo(3);
        assertThat(f("active_weeks_90d")).isEqualTo(1);
        assertThat(f("active_weeks_365d")).isEqualTo(3);
        assertThat(f("events_lifetime")).isEqualTo(4);
        assertThat(f("days_since_first_purchase")).isEqualTo(400);
    }

    @Test
    void cadenceIsTheCustomersOwnGapAndRecencyIsMeasuredAgainstIt() {
        for (int i = 0; i < 5; i++) {
            event("purchase", NOW - 28 * DAY - i * 14 * DAY, 25.0);
        }
        assertThat(f("purchase_days_lifetime")).isEqualTo(5);
        assertThat(f("purchase_cadence_days")).isEqualTo(14);
        assertThat(f("purchase_recency_vs_cadence")).isEqualTo(2f); // 28 days over 14
    }

    @Test
    void aCustomerWhoBoughtOnceHasNoCadence() {
        event("purchase", NOW - 30 * DAY, 25.0);
        assertThat(f("purchase_cadence_days")).isEqualTo(365);
        assertThat(f("purchase_recency_vs_cadence")).isCloseTo(30f / 365, within(1e-4f));
    }

    @Test
    void returnsCancelledOrdersAndComplaintsOverThirteenWeeks() {
        event("purchase", NOW - 200 * DAY, 100.0);
        event("purchase", NOW - 20 * DAY, 100.0);
        event("return", NOW - 15 * DAY, 50.0);
        event("order_cancel", NOW - 14 * DAY, null);
        event("support_contact", NOW - 60 * DAY, null);
        event("support_contact", NOW - 120 * DAY, null); // beyond 13 weeks
        activity.apply(new ScoredFeedback("f", "c1", NOW - 3 * DAY, "review", 1, "en", -0.9, "negative", false,
                "m", "1"));
        assertThat(f("returns_90d")).isEqualTo(1);
        assertThat(f("returned_amount_90d")).isEqualTo(50);
        assertThat(f("return_share_365d")).isEqualTo(0.25f);
        assertThat(f("order_cancels_90d")).isEqualTo(1);
        assertThat(f("support_contacts_90d")).isEqualTo(1);
        assertThat(f("negative_feedback_90d")).isEqualTo(1);
    }

    @Test
    void trendsCompareTheLastThirteenWeeksWithTheThirteenBeforeAndTheBasketWithTheLifetime() {
        for (int i = 0; i < 4; i++) {
            event("purchase", NOW - 120 * DAY - i * 7 * DAY, 100.0); // 4 large baskets, 13 to 26 weeks ago
        }
        event("purchase", NOW - 5 * DAY, 20.0); // one small basket lately
        assertThat(f("purchases_trend_90d")).isCloseTo((1f - 4f) / (1f + 4f + 1f), within(1e-6f));
        assertThat(f("spend_trend_90d")).isCloseTo((20f - 400f) / (20f + 400f + 1f), within(1e-6f));
        assertThat(f("basket_trend_90d")).isCloseTo((20f - 84f) / (20f + 84f), within(1e-6f));
    }

    @Test
    void activeDaysCountEachDayOnce() {
        event("page_view", NOW - 2 * DAY, null);
        event("page_view", NOW - 2 * DAY + HOUR, null);
        event("page_view", NOW - 40 * DAY, null);
        reorder();
        assertThat(f("active_days_90d")).isEqualTo(2);
        assertThat(f("sessions_90d")).isEqualTo(3);
    }

    @Test
    void aStateOfFormat3StartsItsLongHistoryFromItsDailyBuckets() {
        event("purchase", NOW - 20 * DAY, 30.0);
        event("purchase", NOW - 3 * DAY, 50.0);
        event("return", NOW - 2 * DAY, 10.0);
        event("support_contact", NOW - 2 * DAY, null);
        event("page_view", NOW - DAY, null);
        byte[] v4 = activity.toBytes();
        // format 3 is format 4 without the long history at the end
        byte[] sessionIds = LegacyActivityBytes.withSessionIds(v4, "s1", "s2", "s3", "s4", "s5");
        byte[] v3 = Arrays.copyOf(sessionIds, sessionIds.length - activity.longHistory.encodedSize());
        ByteBuffer.wrap(v3).put(0, (byte) 3);

        CustomerActivity migrated = CustomerActivity.fromBytes(v3);
        assertThat(FeatureExtractor.extract(migrated, NOW)).containsExactly(FeatureExtractor.extract(activity, NOW));
        assertThat(migrated.toBytes()).isEqualTo(v4);
    }

    @Test
    void theLongHistorySurvivesSerialization() {
        for (int i = 0; i < 60; i++) {
            event(i % 3 == 0 ? "purchase" : "page_view", NOW - i * 6 * DAY, i % 3 == 0 ? 9.99 * i : null);
        }
        CustomerActivity copy = CustomerActivity.fromBytes(activity.toBytes());
        for (long at = NOW; at < NOW + 200 * DAY; at += 10 * DAY) {
            assertThat(FeatureExtractor.extract(copy, at)).containsExactly(FeatureExtractor.extract(activity, at));
        }
    }

    /** Late events land in their own week, like the daily buckets: a re-read state stays the same. */
    private void reorder() {
        assertThat(CustomerActivity.fromBytes(activity.toBytes()).toBytes()).isEqualTo(activity.toBytes());
    }
}
