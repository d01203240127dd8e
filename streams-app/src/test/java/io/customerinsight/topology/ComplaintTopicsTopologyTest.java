package io.customerinsight.topology;

import io.customerinsight.alerts.ChurnAlert;
import io.customerinsight.events.ComplaintTopic;
import io.customerinsight.events.ScoredFeedback;
import io.customerinsight.profiles.CustomerProfile;
import io.customerinsight.scoring.ComplaintTopicModel;
import io.customerinsight.scoring.ModelSource;
import io.customerinsight.testing.TopologyHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.customerinsight.testing.Events.DAY;
import static io.customerinsight.testing.Events.HOUR;
import static io.customerinsight.testing.Events.T0;
import static io.customerinsight.testing.Events.click;
import static io.customerinsight.testing.Events.feedback;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Feedback carries its topic on {@code feedback-scored}; the customer's profile keeps the aspects of the
 * complaints (not of praise) of the last 30 days; an alert names them and the playbook's rules keyed on
 * aspects match.
 */
class ComplaintTopicsTopologyTest {
    private static ComplaintTopicModel topics;
    @TempDir
    Path dir;

    @BeforeAll
    static void load() {
        topics = ComplaintTopicModel.load(ModelSource.bundled());
    }

    @AfterAll
    static void close() {
        topics.close();
    }

    private Map<String, String> withSizePlaybook() throws Exception {
        Path playbook = dir.resolve("playbook.yaml");
        Files.writeString(playbook, """
                rules:
                  - id: size-exchange
                    description: a free exchange for another size
                    effect: 0.2
                    when:
                      aspects: [size]
                    reason: the customer complained about the size
                  - id: watch
                    description: no action
                    effect: 0
                    reason: nothing else applies
                """);
        return Map.of("insight.playbook", playbook.toString());
    }

    @Test
    void aComplaintsAspectReachesTheFeedbackTheProfileTheAlertAndThePlaybook() throws Exception {
        try (var h = new TopologyHarness(withSizePlaybook(), topics)) {
            for (int d = 0; d < 5; d++) {
                h.click("c1", click("e" + d, "c1", "page_view", T0 + d * DAY, "s" + d));
            }
            h.feedback("c1", feedback("f1", "c1", T0 + 4 * DAY + HOUR, "review",
                    "Terrible, runs huge, the size is far too large and big on me", 1));
            h.feedback("c1", feedback("f2", "c1", T0 + 4 * DAY + 2 * HOUR, "review", "Lovely colour", 5));

            List<ScoredFeedback> scored = h.scored.readValuesToList();
            assertThat(scored.get(0).topics()).extracting(ComplaintTopic::aspect).containsExactly("size");
            assertThat(scored.get(1).topics()).as("praise has a topic too").hasSize(1);

            h.click("c1", click("x", "c1", "subscription_cancel", T0 + 4 * DAY + 3 * HOUR, "s4"));
            ChurnAlert alert = h.alerts.readValuesToList().get(0);
            assertThat(alert.complaints()).containsExactly(Map.entry("size", 1));
            assertThat(alert.action().id()).isEqualTo("size-exchange");

            h.click("c1", click("later", "c1", "page_view", T0 + 6 * DAY, "s6"));
            h.busy(T0 + 6 * DAY, T0 + 8 * DAY);
            List<CustomerProfile> profiles = h.profiles.readValuesToList().stream()
                    .filter(p -> p.customerId().equals("c1") && p.updatedAt() > T0 + 4 * DAY + 2 * HOUR).toList();
            assertThat(profiles).isNotEmpty().allSatisfy(p ->
                    assertThat(p.complaints30d()).containsExactly(Map.entry("size", 1)));
        }
    }
}
