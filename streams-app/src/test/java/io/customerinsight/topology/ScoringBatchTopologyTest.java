package io.customerinsight.topology;

import io.customerinsight.config.InsightConfig;
import io.customerinsight.testing.TopologyHarness;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static io.customerinsight.testing.Events.T0;
import static io.customerinsight.testing.Events.click;
import static org.assertj.core.api.Assertions.assertThat;

/** Scoring is batched: due customers wait for a full batch or the scoring delay, then share one model call. */
class ScoringBatchTopologyTest {

    private static void rawClick(TopologyHarness h, String customer, String type, long at) {
        h.clicks.pipeInput(customer, click("e-" + customer + "-" + at, customer, type, at, "s-" + customer)
                .getBytes(StandardCharsets.UTF_8));
    }

    /** The first record starts stream time, and the stream-time sweep with it: one customer scored alone. */
    private static void startStreamTime(TopologyHarness h) {
        h.click("first", click("e-first", "first", "page_view", T0, "s-first"));
        h.profiles.readKeyValuesToMap();
        assertThat(h.churn.calls).containsExactly(1);
    }

    @Test
    void activityOfManyCustomersIsScoredInOneModelCallOnceTheDelayHasPassed() {
        try (var h = new TopologyHarness()) {
            startStreamTime(h);
            for (int i = 0; i < 10; i++) {
                rawClick(h, "c" + i, "page_view", T0 + i);
            }
            assertThat(h.churn.calls).containsExactly(1);
            assertThat(h.profiles.isEmpty()).isTrue();

            h.driver.advanceWallClockTime(h.scoringDelay);
            assertThat(h.churn.calls).containsExactly(1, 10);
            assertThat(h.profiles.readKeyValuesToMap()).hasSize(10);
        }
    }

    @Test
    void aFullBatchIsScoredWithoutWaiting() {
        try (var h = new TopologyHarness(Map.of(InsightConfig.SCORING_BATCH, "4"))) {
            startStreamTime(h);
            for (int i = 0; i < 6; i++) {
                rawClick(h, "c" + i, "page_view", T0 + i);
            }
            assertThat(h.churn.calls).containsExactly(1, 4);
            assertThat(h.profiles.readKeyValuesToMap()).containsOnlyKeys("c0", "c1", "c2", "c3");
        }
    }

    @Test
    void ordinaryActivityAfterARiskSignalDoesNotPostponeItsScoring() {
        try (var h = new TopologyHarness()) {
            h.click("c1", click("e0", "c1", "page_view", T0, "s0")); // scored at T0: next ordinary scoring at T0 + 1m
            rawClick(h, "c1", "support_contact", T0 + 10_000);
            rawClick(h, "c1", "page_view", T0 + 11_000);
            h.driver.advanceWallClockTime(h.scoringDelay);
            assertThat(h.churn.calls.stream().mapToInt(Integer::intValue).sum()).isEqualTo(2);
        }
    }
}
