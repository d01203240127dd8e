package io.customerinsight.topology;

import io.customerinsight.config.InsightConfig;
import io.customerinsight.profiles.CustomerProfile;
import io.customerinsight.testing.TopologyHarness;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static io.customerinsight.testing.Events.DAY;
import static io.customerinsight.testing.Events.MINUTE;
import static io.customerinsight.testing.Events.T0;
import static io.customerinsight.testing.Events.click;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A customer's profiles made between two commits go out once, the latest, at the commit: the topology test
 * driver commits after every input record, and one record that carries stream time three days on makes a
 * quiet customer's rescorings at each of its points in between.
 */
class ProfileCoalescingTopologyTest {
    /** What one record three days later publishes for the quiet customer, and its profile at the end. */
    private record Run(List<CustomerProfile> fromOneRecord, CustomerProfile last) {
    }

    private static Run run(boolean coalesce) {
        Map<String, String> settings = Map.of(InsightConfig.RESCORE_INACTIVITY, "6h",
                InsightConfig.PROFILE_COALESCE, String.valueOf(coalesce));
        try (var h = new TopologyHarness(settings)) {
            for (int i = 0; i < 4; i++) {
                h.click("quiet", click("q" + i, "quiet", "page_view", T0 + i * MINUTE, "s1"));
            }
            h.profiles.readKeyValuesToList();
            h.clicks.pipeInput("other", click("o1", "other", "page_view", T0 + 3 * DAY, "s2")
                    .getBytes(StandardCharsets.UTF_8));
            List<CustomerProfile> fromOneRecord = h.profiles.readKeyValuesToList().stream()
                    .filter(kv -> kv.key.equals("quiet")).map(kv -> kv.value).toList();
            h.driver.advanceWallClockTime(h.scoringDelay);
            CustomerProfile last = fromOneRecord.isEmpty() ? null : fromOneRecord.get(fromOneRecord.size() - 1);
            for (KeyValue<String, CustomerProfile> kv : h.profiles.readKeyValuesToList()) {
                if (kv.key.equals("quiet")) {
                    last = kv.value;
                }
            }
            return new Run(fromOneRecord, last);
        }
    }

    @Test
    void oneRecordPublishesEachCustomersLatestProfileOnceAndTheFinalProfileIsTheSame() {
        Run everyChange = run(false);
        Run coalesced = run(true);

        assertThat(everyChange.fromOneRecord()).as("every rescoring's profile, without coalescing")
                .hasSizeGreaterThan(2);
        assertThat(coalesced.fromOneRecord()).hasSize(1);
        assertThat(coalesced.fromOneRecord().get(0))
                .isEqualTo(everyChange.fromOneRecord().get(everyChange.fromOneRecord().size() - 1));
        assertThat(coalesced.last()).isEqualTo(everyChange.last());
    }
}
