package io.customerinsight.topology;

import io.customerinsight.config.InsightConfig;
import io.customerinsight.deadletter.DeadLetterRecords;
import io.customerinsight.profiles.CustomerProfile;
import io.customerinsight.testing.TopologyHarness;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static io.customerinsight.testing.Events.DAY;
import static io.customerinsight.testing.Events.HOUR;
import static io.customerinsight.testing.Events.T0;
import static io.customerinsight.testing.Events.click;
import static io.customerinsight.testing.Events.feedback;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lateness is bounded by what the customer's state can still hold, not by a few hours of grace: feedback
 * delivered in daily batches and backlogs reach the customer; only an event older than the documented
 * bound ({@code insight.grace}, 30 days) is dead-lettered, and then it appears in no output.
 */
class LatenessTopologyTest {
    @Test
    void feedbackDeliveredTwoDaysAfterItsClicksReachesTheProfileAndTheScore() {
        try (var h = new TopologyHarness()) {
            for (int d = 0; d <= 3; d++) {
                h.click("c1", click("e" + d, "c1", "page_view", T0 + d * DAY, "s" + d));
            }
            h.feedback("c1", feedback("f1", "c1", T0 + DAY, "review", "Terrible service, awful", 1));
            h.feedback("c1", feedback("f2", "c1", T0 + DAY + HOUR, "chat", "服务太糟糕了", null));
            // stream time moves on: the profile held back by the rate limit is published
            h.click("other", click("o1", "other", "page_view", T0 + 3 * DAY + HOUR, "o1"));

            assertThat(h.dlq.isEmpty()).as("nothing dead-lettered").isTrue();
            assertThat(h.scored.readValuesToList()).hasSize(2);
            CustomerProfile profile = h.profiles.readKeyValuesToMap().get("c1");
            assertThat(profile.sentiment().feedback30d()).isEqualTo(2);
            assertThat(profile.sentiment().negative30d()).isEqualTo(2);
            // the late feedback was a risk signal: the customer was rescored with it at once
            assertThat(h.churn.calls).hasSizeGreaterThanOrEqualTo(2);
        }
    }

    /**
     * A click that arrives after stream time has moved on by two days (a record without a key, a batch) is
     * counted as of the point it belongs to: the customer's final profile is the one a timely click gives,
     * whole. It was as of the stream time when the click arrived.
     */
    @Test
    void aLateClickGivesTheFinalProfileATimelyOneGives() {
        String first = click("e1", "c1", "page_view", T0, "s1");
        String late = click("e2", "c1", "product_view", T0 + HOUR, "s2");
        String last = click("e3", "c1", "page_view", T0 + 2 * HOUR, "s3");
        String other = click("o1", "other", "page_view", T0 + 2 * DAY + HOUR, "o1");
        try (var timely = new TopologyHarness(); var delayed = new TopologyHarness()) {
            for (String c : new String[] {first, late, last, other}) {
                timely.click(c.contains("\"other\"") ? "other" : "c1", c);
            }
            for (String c : new String[] {first, last, other}) {
                delayed.click(c.contains("\"other\"") ? "other" : "c1", c);
            }
            delayed.click("c1", late);

            CustomerProfile expected = timely.profiles.readKeyValuesToMap().get("c1");
            CustomerProfile actual = delayed.profiles.readKeyValuesToMap().get("c1");
            assertThat(actual.updatedAt()).isEqualTo(T0 + DAY + 2 * HOUR).isEqualTo(expected.updatedAt());
            assertThat(actual).isEqualTo(expected);
            assertThat(delayed.metrics.count("insight.events.out.of.order", "input", "clickstream")).isEqualTo(1.0);
            assertThat(timely.metrics.total("insight.events.out.of.order")).isZero();
        }
    }

    /**
     * The customer's last click, newer than its latest point, sent without the customer's key, reaches the
     * task through the repartition topic after other customers' records have moved stream time on by hours (as
     * in a fast backlog): its scoring point, and so the final profile, are the ones it gives in time. They were at
     * the stream time of its arrival, 8 hours later. A record read in its partition's order keeps the point at
     * the partition's stream time.
     */
    @Test
    void aClickWithoutTheKeyArrivingBehindStreamTimeGivesTheFinalProfileATimelyOneGives() {
        String first = click("e1", "c1", "page_view", T0, "s1");
        String last = click("e2", "c1", "product_view", T0 + HOUR, "s2");
        String ahead = click("o1", "other", "page_view", T0 + 9 * HOUR, "o1");
        String end = click("o2", "other", "page_view", T0 + 20 * HOUR, "o2");
        try (var timely = new TopologyHarness(); var delayed = new TopologyHarness()) {
            timely.click("c1", first);
            timely.click("device-7", last);
            timely.click("other", ahead);
            timely.click("other", end);
            delayed.click("c1", first);
            delayed.click("other", ahead);
            delayed.click("device-7", last);
            delayed.click("other", end);

            CustomerProfile expected = timely.profiles.readKeyValuesToMap().get("c1");
            CustomerProfile actual = delayed.profiles.readKeyValuesToMap().get("c1");
            assertThat(expected.updatedAt()).isEqualTo(T0 + HOUR);
            assertThat(actual.updatedAt()).isEqualTo(expected.updatedAt());
            assertThat(actual).isEqualTo(expected);
        }
    }

    @Test
    void anEventExactlyAtTheBoundIsAcceptedAndOneMillisecondOlderIsDeadLettered() {
        try (var h = new TopologyHarness(Map.of(InsightConfig.GRACE, "30d"))) {
            long now = T0 + 40 * DAY;
            h.click("c1", click("e0", "c1", "page_view", now, "s0"));
            h.click("c1", click("e1", "c1", "page_view", now - 30 * DAY, "s1"));
            String tooLate = click("e2", "c1", "page_view", now - 30 * DAY - 1, "s2");
            h.click("c1", tooLate);
            var dead = h.dlq.readRecordsToList();
            assertThat(dead).hasSize(1);
            assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).isEqualTo(tooLate);
            assertThat(DeadLetterTopologyTest.header(dead.get(0), DeadLetterRecords.REASON)).isEqualTo("late_event");
        }
    }

    @Test
    void rejectedLateFeedbackAppearsInNoOutput() {
        try (var h = new TopologyHarness()) {
            h.click("c1", click("e0", "c1", "page_view", T0 + 40 * DAY, "s0"));
            h.feedback("c1", feedback("f1", "c1", T0, "review", "Terrible service, awful", 1));
            assertThat(h.dlq.readRecordsToList()).hasSize(1);
            assertThat(h.scored.isEmpty()).as("feedback-scored").isTrue();
            assertThat(h.profiles.readKeyValuesToMap().get("c1").sentiment().feedback30d()).isZero();
        }
    }
}
