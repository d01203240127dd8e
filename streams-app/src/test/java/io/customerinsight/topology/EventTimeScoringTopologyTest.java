package io.customerinsight.topology;

import io.customerinsight.alerts.ChurnAlert;
import io.customerinsight.config.InsightConfig;
import io.customerinsight.profiles.CustomerProfile;
import io.customerinsight.testing.TopologyHarness;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.customerinsight.testing.Events.DAY;
import static io.customerinsight.testing.Events.HOUR;
import static io.customerinsight.testing.Events.MINUTE;
import static io.customerinsight.testing.Events.T0;
import static io.customerinsight.testing.Events.click;
import static io.customerinsight.testing.Events.feedback;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scores, alerts and profiles are a function of the input: the same records in the same order give the same
 * outputs whatever the batch size and whenever the wall clock runs the model (a backlog, a live stream).
 */
class EventTimeScoringTopologyTest {
    private record Input(boolean isClick, String customer, String json) {
    }

    /** Outputs of one run: every alert in order, and the last profile of every customer. */
    private record Outputs(List<KeyValue<String, ChurnAlert>> alerts, Map<String, CustomerProfile> profiles) {
    }

    /** 40 customers over 20 days, in time order: sessions, support contacts, angry feedback, silences. */
    private static List<Input> history() {
        Random random = new Random(7);
        List<long[]> times = new ArrayList<>();
        for (int c = 0; c < 40; c++) {
            long t = T0 + random.nextInt(24) * HOUR;
            int kind = c % 4; // 0 steady, 1 fades out, 2 complains, 3 bursts
            while (t < T0 + 20 * DAY) {
                times.add(new long[] {t, c});
                long gap = kind == 1 && t > T0 + 8 * DAY ? 3 * DAY : kind == 3 ? random.nextInt(3) * MINUTE + 1000
                        : random.nextInt(20) * HOUR + random.nextInt(60) * MINUTE;
                t += Math.max(1000, gap);
                if (kind == 3 && random.nextInt(20) == 0) {
                    t += 2 * DAY;
                }
            }
        }
        times.sort((a, b) -> Long.compare(a[0], b[0]));
        List<Input> out = new ArrayList<>();
        int n = 0;
        for (long[] e : times) {
            String customer = "c" + e[1];
            long at = e[0];
            int roll = random.nextInt(100);
            if (e[1] % 4 == 2 && roll < 12) {
                out.add(new Input(false, customer, feedback("f" + n++, customer, at, "review",
                        "terrible, broken and late, refund now", 1)));
            } else {
                String type = e[1] % 4 == 2 && roll < 25 ? "support_contact" : roll < 60 ? "page_view" : "product_view";
                out.add(new Input(true, customer, click("e" + n++, customer, type, at, customer + "-" + at / (2 * HOUR))));
            }
        }
        return out;
    }

    private static Outputs run(List<Input> input, int batch, int wallClockEvery) {
        Map<String, String> settings = Map.of(InsightConfig.SCORING_BATCH, String.valueOf(batch),
                InsightConfig.ALERT_MIN_HISTORY, "0s", InsightConfig.ALERT_COOLDOWN, "2d");
        try (var h = new TopologyHarness(settings)) {
            int i = 0;
            for (Input in : input) {
                byte[] value = in.json().getBytes(StandardCharsets.UTF_8);
                if (in.isClick()) {
                    h.clicks.pipeInput(in.customer(), value);
                } else {
                    h.feedback.pipeInput(in.customer(), value);
                }
                if (wallClockEvery > 0 && ++i % wallClockEvery == 0) {
                    h.driver.advanceWallClockTime(h.scoringDelay);
                }
            }
            h.driver.advanceWallClockTime(Duration.ofSeconds(1));
            h.driver.advanceWallClockTime(Duration.ofSeconds(1));
            return new Outputs(h.alerts.readKeyValuesToList(), h.profiles.readKeyValuesToMap());
        }
    }

    @Test
    void theSameInputGivesTheSameAlertsAndProfilesWhateverTheBatchAndTheWallClock() {
        List<Input> input = history();
        Outputs live = run(input, 1, 1); // every record scored as soon as it can be, as in a quiet live stream
        Outputs backlog = run(input, 256, 0); // full batches only, the wall clock never runs: a fast backlog
        Outputs mixed = run(input, 7, 13);

        assertThat(live.alerts()).hasSizeGreaterThan(10);
        assertThat(live.alerts().stream().map(kv -> kv.value.riskLevel().wireName()).distinct()).contains("high");
        assertThat(live.profiles()).hasSize(40);
        assertThat(backlog.alerts()).containsExactlyInAnyOrderElementsOf(live.alerts());
        assertThat(mixed.alerts()).containsExactlyInAnyOrderElementsOf(live.alerts());
        assertThat(backlog.profiles()).isEqualTo(live.profiles());
        assertThat(mixed.profiles()).isEqualTo(live.profiles());
    }

    @Test
    void aSnapshotHoldsTheEventsUpToItsPointAndNoneAfter() {
        try (var h = new TopologyHarness(Map.of(InsightConfig.ALERT_MIN_HISTORY, "0s"))) {
            h.clicks.pipeInput("c1", click("e1", "c1", "page_view", T0, "s1").getBytes(StandardCharsets.UTF_8));
            // a later record passes c1's point (T0): its snapshot is taken before anything later is folded
            h.clicks.pipeInput("c1", click("e2", "c1", "page_view", T0 + 1000, "s1").getBytes(StandardCharsets.UTF_8));
            h.clicks.pipeInput("c1", click("e3", "c1", "page_view", T0 + 2000, "s1").getBytes(StandardCharsets.UTF_8));
            h.driver.advanceWallClockTime(h.scoringDelay);

            CustomerProfile profile = h.profiles.readValue();
            assertThat(profile.updatedAt()).isEqualTo(T0);
            assertThat(profile.summary().get("events_7d")).isEqualTo(1f);
        }
    }
}
