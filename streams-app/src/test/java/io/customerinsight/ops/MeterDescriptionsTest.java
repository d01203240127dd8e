package io.customerinsight.ops;

import io.customerinsight.testing.TopologyHarness;
import io.micrometer.core.instrument.Meter;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.customerinsight.testing.Events.DAY;
import static io.customerinsight.testing.Events.T0;
import static io.customerinsight.testing.Events.click;
import static io.customerinsight.testing.Events.feedback;
import static io.customerinsight.testing.Events.purchase;
import static org.assertj.core.api.Assertions.assertThat;

/** Every meter of the application's own reaches Prometheus with help text (its "# HELP" line). */
class MeterDescriptionsTest {

    @Test
    void everyMeterThePipelineRegistersIsDescribed() {
        try (var h = new TopologyHarness()) {
            h.click("c1", purchase("p1", "c1", T0, "s1", 20));
            h.click("c1", click("e1", "c1", "support_contact", T0 + 1000, "s1"));
            h.click("c1", click("e1", "c1", "support_contact", T0 + 1000, "s1"));
            h.feedback("c1", feedback("f1", "c1", T0 + 2000, "review", "awful, broken", 1));
            h.click("c1", "not json");
            h.click("c1", click("e2", "c1", "subscription_cancel", T0 + 3000, "s1"));
            h.clicks.pipeInput("c2", (byte[]) null);
            h.busy(T0 + 1000, T0 + 3 * DAY);

            // (the simple registry shows a histogram's buckets as a meter of their own; Prometheus does not)
            List<Meter> ours = h.metrics.registry().getMeters().stream()
                    .filter(m -> m.getId().getName().startsWith("insight."))
                    .filter(m -> !m.getId().getName().endsWith(".histogram")).toList();
            assertThat(ours).extracting(m -> m.getId().getName())
                    .contains("insight.events.consumed", "insight.invalid.records", "insight.dlq.writes",
                            "insight.duplicates.dropped", "insight.alerts.emitted", "insight.profile.updates",
                            "insight.customers.erased", "insight.sentiment.labels");
            assertThat(ours).allSatisfy(m -> assertThat(m.getId().getDescription())
                    .as(m.getId().getName()).isNotBlank());
        }
    }

    @Test
    void everyDescribedMeterIsARowOfTheReadmesMetricsTable() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        String table = readme.substring(readme.indexOf("### Metrics"), readme.indexOf("## Deploy on Kubernetes"));
        assertThat(MeterDescriptions.names()).allSatisfy(name -> {
            String prometheus = name.replace('.', '_');
            assertThat(table).as("a row for %s", prometheus).containsAnyOf("| `" + prometheus, ", `" + prometheus);
        });
    }
}
