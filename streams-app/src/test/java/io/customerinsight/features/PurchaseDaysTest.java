package io.customerinsight.features;

import io.customerinsight.events.ClickEvent;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.Arrays;

import static io.customerinsight.testing.Events.DAY;
import static io.customerinsight.testing.Events.HOUR;
import static io.customerinsight.testing.Events.T0;
import static org.assertj.core.api.Assertions.assertThat;

class PurchaseDaysTest {
    private static ClickEvent purchase(long at, double amount) {
        return new ClickEvent("p" + at, "c1", "purchase", at, "s" + at, null, null, amount, "EUR", null);
    }

    @Test
    void purchasesCountByDayAndTheRepeatDaysCarryTheValue() {
        CustomerActivity a = new CustomerActivity();
        a.apply(purchase(T0 + 2 * DAY, 10));
        a.apply(purchase(T0 + 2 * DAY + HOUR, 5)); // the same day: one purchase day worth 15
        a.apply(purchase(T0 + 9 * DAY, 40));
        a.apply(purchase(T0 + 5 * DAY, 20)); // late, between the first and the last
        a.apply(purchase(T0, 100)); // late, before the first: the new first day
        PurchaseDays p = a.purchaseDays();
        assertThat(p.repeatDays()).isEqualTo(3);
        assertThat(p.span()).isEqualTo(9);
        assertThat(p.meanRepeatValue()).isEqualTo((15 + 40 + 20) / 3.0);
    }

    @Test
    void aStateOfFormat2RebuildsItsPurchaseDaysAndLongHistoryFromItsDailyBuckets() {
        CustomerActivity a = new CustomerActivity();
        a.apply(purchase(T0, 30));
        a.apply(purchase(T0 + 3 * DAY, 50));
        a.apply(new ClickEvent("v", "c1", "page_view", T0 + 4 * DAY, "s", "p-1", null, null, null, null));
        byte[] current = a.toBytes();
        // format 3: no long history, nor the complaints (one byte: none) after it
        byte[] sessionIds = LegacyActivityBytes.withSessionIds(current, "s" + T0, "s" + (T0 + 3 * DAY), "s");
        byte[] v3 = Arrays.copyOf(sessionIds, sessionIds.length - a.longHistory.encodedSize() - 1);
        // format 2 is format 3 without the purchase days, which follow the products
        ByteBuffer v2 = ByteBuffer.allocate(v3.length - PurchaseDays.ENCODED_SIZE);
        int purchaseDaysAt = v3.length - PurchaseDays.ENCODED_SIZE - a.days.encodedSize() - a.hours.encodedSize()
                - a.fiveMinutes.encodedSize();
        v2.put(v3, 0, purchaseDaysAt).put(v3, purchaseDaysAt + PurchaseDays.ENCODED_SIZE,
                v3.length - purchaseDaysAt - PurchaseDays.ENCODED_SIZE);
        v2.put(0, (byte) 2);

        CustomerActivity migrated = CustomerActivity.fromBytes(v2.array());
        assertThat(migrated.purchaseDays().repeatDays()).isEqualTo(1);
        assertThat(migrated.purchaseDays().span()).isEqualTo(3);
        assertThat(migrated.purchaseDays().meanRepeatValue()).isEqualTo(50);
        assertThat(migrated.toBytes()).isEqualTo(current);
    }
}
