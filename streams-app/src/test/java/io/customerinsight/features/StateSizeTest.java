package io.customerinsight.features;

import io.customerinsight.events.ClickEvent;
import io.customerinsight.events.ScoredFeedback;
import org.junit.jupiter.api.Test;
import org.openjdk.jol.info.GraphLayout;

import java.util.Random;

import static io.customerinsight.testing.Events.DAY;
import static io.customerinsight.testing.Events.HOUR;
import static io.customerinsight.testing.Events.MINUTE;
import static io.customerinsight.testing.Events.T0;
import static org.assertj.core.api.Assertions.assertThat;

/** A customer's state stays bounded however long the history: the size the README reports comes from here. */
class StateSizeTest {
    record Size(int storedBytes, long heapBytes) {
    }

    /** A regular customer: three visits a week of about ten events, a purchase every two weeks, feedback monthly. */
    static Size afterDays(int days) {
        CustomerActivity a = new CustomerActivity();
        Random random = new Random(42);
        int seq = 0;
        for (int day = 0; day < days; day++) {
            if (day % 7 % 2 == 1 && day % 7 != 5) {
                continue;
            }
            long start = T0 + day * DAY + (8 + random.nextInt(12)) * HOUR;
            String session = "s" + day;
            for (int i = 0; i < 10; i++) {
                String type = i == 9 && day % 14 == 0 ? "purchase" : i % 3 == 0 ? "search" : "product_view";
                a.apply(new ClickEvent("e" + seq++, "c1", type, start + i * MINUTE, session,
                        "p-" + random.nextInt(500), null, type.equals("purchase") ? 20.0 + random.nextInt(80) : null,
                        "EUR", null));
            }
            if (day % 30 == 3) {
                a.apply(new ScoredFeedback("f" + day, "c1", start, "review", 4, "en", 0.5, "positive", false, "m", "1"));
            }
        }
        return new Size(a.encodedSize(), GraphLayout.parseInstance(a).totalSize());
    }

    @Test
    void aYearOfHistoryAndTwoTakeTheSameSpace() {
        Size month = afterDays(30);
        Size year = afterDays(365);
        Size twoYears = afterDays(730);
        System.out.printf("customer state: 30 days %s, a year %s, two years %s%n", month, year, twoYears);
        assertThat(twoYears.storedBytes()).isLessThanOrEqualTo(year.storedBytes() + 64);
        assertThat(twoYears.heapBytes()).isLessThanOrEqualTo(year.heapBytes() + 256);
        assertThat(year.storedBytes()).isGreaterThan(month.storedBytes()); // the weeks of the year are kept
    }
}
