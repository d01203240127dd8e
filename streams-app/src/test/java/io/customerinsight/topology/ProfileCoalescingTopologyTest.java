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
    /** What one record three days later publishes for a quiet customer, and its profile at the end. */
    private record Run(List<CustomerProfile> fromOneRecord, CustomerProfile last) {
    }

    private static Map<String, Run> run(boolean coalesce, int cachedCustomers, String... quiet) {
        Map<String, String> settings = Map.of(InsightConfig.RESCORE_INACTIVITY, "6h",
                InsightConfig.PROFILE_COALESCE, String.valueOf(coalesce),
                InsightConfig.STATE_CACHE_CUSTOMERS, String.valueOf(cachedCustomers));
        try (var h = new TopologyHarness(settings)) {
            for (String customer : quiet) {
                for (int i = 0; i < 4; i++) {
                    h.click(customer, click(customer + i, customer, "page_view", T0 + i * MINUTE, "s1"));
                }
            }
            h.profiles.readKeyValuesToList();
            h.clicks.pipeInput("other", click("o1", "other", "page_view", T0 + 3 * DAY, "s2")
                    .getBytes(StandardCharsets.UTF_8));
            List<KeyValue<String, CustomerProfile>> fromOneRecord = h.profiles.readKeyValuesToList();
            h.driver.advanceWallClockTime(h.scoringDelay);
            List<KeyValue<String, CustomerProfile>> later = h.profiles.readKeyValuesToList();
            Map<String, Run> runs = new java.util.TreeMap<>();
            for (String customer : quiet) {
                List<CustomerProfile> published = fromOneRecord.stream().filter(kv -> kv.key.equals(customer))
                        .map(kv -> kv.value).toList();
                CustomerProfile last = published.isEmpty() ? null : published.get(published.size() - 1);
                for (KeyValue<String, CustomerProfile> kv : later) {
                    if (kv.key.equals(customer)) {
                        last = kv.value;
                    }
                }
                runs.put(customer, new Run(published, last));
            }
            return runs;
        }
    }

    @Test
    void oneRecordPublishesEachCustomersLatestProfileOnceAndTheFinalProfileIsTheSame() {
        Run everyChange = run(false, 8000, "quiet").get("quiet");
        Run coalesced = run(true, 8000, "quiet").get("quiet");

        assertThat(everyChange.fromOneRecord()).as("every rescoring's profile, without coalescing")
                .hasSizeGreaterThan(2);
        assertThat(coalesced.fromOneRecord()).hasSize(1);
        assertThat(coalesced.fromOneRecord().get(0))
                .isEqualTo(everyChange.fromOneRecord().get(everyChange.fromOneRecord().size() - 1));
        assertThat(coalesced.last()).isEqualTo(everyChange.last());
    }

    @Test
    void aStateEvictedBeforeTheCommitStillPublishesItsProfilesInOrderAndTheLatestLast() {
        // one customer state in memory: the two quiet customers evict each other between their rescorings
        Map<String, Run> everyChange = run(false, 1, "quiet-a", "quiet-b");
        Map<String, Run> coalesced = run(true, 1, "quiet-a", "quiet-b");
        for (String customer : List.of("quiet-a", "quiet-b")) {
            List<CustomerProfile> published = coalesced.get(customer).fromOneRecord();
            List<CustomerProfile> all = everyChange.get(customer).fromOneRecord();
            assertThat(published).isNotEmpty().isSubsetOf(all);
            assertThat(published.get(published.size() - 1)).isEqualTo(all.get(all.size() - 1));
            assertThat(published).extracting(CustomerProfile::updatedAt).isSorted();
            assertThat(coalesced.get(customer).last()).isEqualTo(everyChange.get(customer).last());
        }
    }
}
