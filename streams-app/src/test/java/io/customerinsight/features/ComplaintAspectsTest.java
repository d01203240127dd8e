package io.customerinsight.features;

import io.customerinsight.events.ClickEvent;
import io.customerinsight.events.ComplaintTopic;
import io.customerinsight.events.ScoredFeedback;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ComplaintAspectsTest {
    private static final long DAY = CustomerActivity.DAY;
    private static final long T0 = 1_735_689_600_000L; // 2025-01-01
    private static final long HOUR_OF_DAY = DAY / 24;

    private static ScoredFeedback complaint(String id, long at, String aspect) {
        return new ScoredFeedback(id, "c1", at, "review", 1, "en", -0.9, "negative", false, "m", "1",
                List.of(new ComplaintTopic(aspect, "some topic", 0.8)));
    }

    @Test
    void theLast30DaysOfComplaintsAreCountedPerAspectTheMostFrequentFirst() {
        CustomerActivity a = new CustomerActivity();
        a.apply(complaint("old", T0, "price")); // 40 days before: outside the window
        a.apply(complaint("d1", T0 + 20 * DAY, "delivery"));
        a.apply(complaint("s1", T0 + 25 * DAY, "size"));
        a.apply(complaint("s2", T0 + 30 * DAY, "size"));
        a.apply(complaint("d2", T0 + 39 * DAY, "delivery"));
        a.apply(complaint("q1", T0 + 39 * DAY, "quality"));
        Map<String, Integer> last30 = a.complaintAspects(T0 + 40 * DAY);
        assertThat(last30).containsExactly(Map.entry("delivery", 2), Map.entry("size", 2), Map.entry("quality", 1));
        assertThat(a.complaintAspects(T0 + 22 * DAY)).as("nothing after the time asked for")
                .containsExactly(Map.entry("delivery", 1), Map.entry("price", 1)); // ties in the order of the aspects
    }

    @Test
    void onlyTheLatestComplaintsAreKept() {
        CustomerActivity a = new CustomerActivity();
        for (int i = 0; i < 20; i++) {
            a.apply(complaint("c" + i, T0 + i * HOUR_OF_DAY, i < 4 ? "price" : "size"));
        }
        assertThat(a.complaintAspects(T0 + DAY)).containsExactly(Map.entry("size", 16));
    }

    @Test
    void complaintsAreStoredAndAnActivityOfFormat5IsReadWithNone() {
        CustomerActivity a = new CustomerActivity();
        a.apply(new ClickEvent("e", "c1", "page_view", T0, "s", null, null, null, null, null));
        byte[] withoutComplaints = a.toBytes();
        byte[] sessionIds = LegacyActivityBytes.withSessionIds(withoutComplaints, "s");
        a.apply(complaint("r1", T0 + DAY, "refund"));
        CustomerActivity copy = CustomerActivity.fromBytes(a.toBytes());
        assertThat(copy.complaintAspects(T0 + DAY)).containsExactly(Map.entry("refund", 1));

        // format 5, as the release before complaint topics wrote it: no complaints at the end
        byte[] format5 = Arrays.copyOf(sessionIds, sessionIds.length - 1);
        format5[0] = 5;
        CustomerActivity migrated = CustomerActivity.fromBytes(format5);
        assertThat(migrated.complaintAspects(T0 + DAY)).isEmpty();
        assertThat(migrated.toBytes()).isEqualTo(withoutComplaints);
    }
}
