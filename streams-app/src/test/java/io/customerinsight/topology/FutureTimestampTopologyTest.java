package io.customerinsight.topology;

import io.customerinsight.deadletter.DeadLetterRecords;
import io.customerinsight.testing.TopologyHarness;
import org.junit.jupiter.api.Test;

import static io.customerinsight.testing.Events.DAY;
import static io.customerinsight.testing.Events.HOUR;
import static io.customerinsight.testing.Events.MINUTE;
import static io.customerinsight.testing.Events.click;
import static io.customerinsight.topology.DeadLetterTopologyTest.header;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A producer whose clock runs ahead (or that sends local time as UTC). Its record moves its task's stream
 * time, so every other customer of the task due before that time was scored as of it, before their own
 * events still to come: a day's tolerance once let one record score a whole task up to a day early.
 */
class FutureTimestampTopologyTest {

    @Test
    void aRecordHoursAheadOfTheWallClockIsRejectedAndScoresNoOtherCustomerEarly() {
        long now = System.currentTimeMillis();
        try (var h = new TopologyHarness()) {
            // silent since a day ago less 5 h: a day of silence brings them back for scoring 5 h from now
            h.click("quiet", click("q1", "quiet", "page_view", now - DAY + 5 * HOUR, "s1"));
            h.profiles.readKeyValuesToList();

            h.click("skewed", click("k1", "skewed", "page_view", now + 20 * HOUR, "s2"));
            h.click("fast-clock", click("f1", "fast-clock", "page_view", now + 30 * MINUTE, "s3"));

            var dead = h.dlq.readRecordsToList();
            assertThat(dead).extracting(r -> header(r, DeadLetterRecords.REASON)).containsExactly("timestamp_out_of_range");
            assertThat(header(dead.get(0), DeadLetterRecords.MESSAGE)).contains("ahead of the wall clock")
                    .contains("insight.future.tolerance");
            var profiles = h.profiles.readKeyValuesToList();
            assertThat(profiles).extracting(kv -> kv.key).as("a clock half an hour fast is tolerated")
                    .contains("fast-clock");
            assertThat(profiles).filteredOn(kv -> kv.key.equals("quiet")).as("no scoring of 'quiet' ahead of time")
                    .isEmpty();
        }
    }

    @Test
    void theToleranceIsASetting() {
        long now = System.currentTimeMillis();
        try (var h = new TopologyHarness(java.util.Map.of("insight.future.tolerance", "1d"))) {
            h.click("skewed", click("k1", "skewed", "page_view", now + 20 * HOUR, "s2"));
            assertThat(h.dlq.isEmpty()).isTrue();
        }
    }
}
