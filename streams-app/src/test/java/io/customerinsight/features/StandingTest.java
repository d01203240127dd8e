package io.customerinsight.features;

import io.customerinsight.events.ClickEvent;
import io.customerinsight.events.ScoredFeedback;
import org.junit.jupiter.api.Test;

import static io.customerinsight.testing.Events.DAY;
import static io.customerinsight.testing.Events.T0;
import static org.assertj.core.api.Assertions.assertThat;

class StandingTest {
    private static ScoredFeedback feedback(String id, long at, Integer rating, double sentiment) {
        return new ScoredFeedback(id, "c1", at, "review", rating, "en", sentiment,
                sentiment < -0.3 ? "negative" : "neutral", false, "test", "1");
    }

    @Test
    void satisfactionCountsStarsWhereGivenAndSentimentOtherwiseOver30DaysAnd13Weeks() {
        CustomerActivity a = new CustomerActivity();
        long now = T0 + 100 * DAY;
        a.apply(new ClickEvent("e1", "c1", "page_view", now - 70 * DAY, "s1", null, null, null, null, null));
        a.apply(feedback("f1", now - 60 * DAY, 1, 0.9));   // one star: -1 whatever the text says
        a.apply(feedback("f2", now - 5 * DAY, 5, -0.2));    // five stars: 1
        a.apply(feedback("f3", now - 4 * DAY, null, 0.5));  // no rating: its sentiment
        Standing s = Standing.of(a, now);
        assertThat(s.feedback30d()).isEqualTo(2);
        assertThat(s.satisfaction30d()).isEqualTo(87.5);           // 50 * (1 + (1 + 0.5) / 2)
        assertThat(s.feedback90d()).isEqualTo(3);
        assertThat(s.satisfaction90d()).isEqualTo(58.3);           // 50 * (1 + 0.5 / 3)
        assertThat(Standing.of(new CustomerActivity(), now).satisfaction30d()).isNull();
    }

    @Test
    void loyaltyGrowsWithTenureRepeatPurchasesAndRegularQuarters() {
        long now = T0 + 400 * DAY;
        CustomerActivity regular = new CustomerActivity();
        CustomerActivity burst = new CustomerActivity();
        for (int i = 0; i < 8; i++) {
            regular.apply(new ClickEvent("r" + i, "c1", "purchase", now - 350 * DAY + i * 45 * DAY, "s" + i, null,
                    null, 40.0, "GBP", null));
            burst.apply(new ClickEvent("b" + i, "c2", "purchase", now - 350 * DAY + i * DAY, "s" + i, null,
                    null, 40.0, "GBP", null));
        }
        Standing r = Standing.of(regular, now);
        Standing b = Standing.of(burst, now);
        assertThat(r.repeatPurchaseDays()).isEqualTo(7).isEqualTo(b.repeatPurchaseDays());
        assertThat(r.activeQuarters()).isEqualTo(4);
        assertThat(b.activeQuarters()).as("all in one week of one quarter").isEqualTo(1);
        assertThat(r.loyalty()).isEqualTo(99); // 100 * (0.3 * 350/365 + 0.4 + 0.3)
        assertThat(b.loyalty()).isEqualTo(76); // 100 * (0.3 * 350/365 + 0.4 + 0.3 / 4)
        assertThat(Standing.of(new CustomerActivity(), now).loyalty()).isZero();
    }

    @Test
    void aStateWrittenBeforeSatisfactionWasKeptTakesItFromTheSentimentOfItsDailyBuckets() {
        CustomerActivity a = new CustomerActivity();
        long at = T0 + 10 * DAY;
        a.apply(new ClickEvent("e1", "c1", "page_view", at - DAY, "s1", null, null, null, null, null));
        a.apply(feedback("f1", at, 1, 0.5));
        // what the release before wrote: the same layout, format 4, none of the new metrics
        a.days.add(at, Metric.SATISFACTION_SUM.ordinal(), 1);
        a.longHistory.add(at, WeeklyMetric.FEEDBACK, -1);
        a.longHistory.add(at, WeeklyMetric.SATISFACTION_SUM, 1);
        byte[] current = a.toBytes();
        byte[] sessionIds = LegacyActivityBytes.withSessionIds(current, "s1");
        byte[] format4 = java.util.Arrays.copyOf(sessionIds, sessionIds.length - 1); // nor complaints (one byte: none)
        format4[0] = 4;

        CustomerActivity migrated = CustomerActivity.fromBytes(format4);
        Standing s = Standing.of(migrated, at);
        assertThat(s.feedback30d()).isEqualTo(1);
        assertThat(s.satisfaction30d()).as("the rating of the past is not kept: its sentiment").isEqualTo(75.0);
        assertThat(s.feedback90d()).isEqualTo(1);
        assertThat(s.satisfaction90d()).isEqualTo(75.0);
        assertThat(migrated.toBytes()[0]).as("written back in the current format").isEqualTo(current[0]);
    }
}
