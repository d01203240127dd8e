package io.customerinsight.topology;

import com.fasterxml.jackson.databind.JsonNode;
import io.customerinsight.config.TopicRole;
import io.customerinsight.events.EventSerdes;
import io.customerinsight.testing.TopologyHarness;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.customerinsight.testing.Events.DAY;
import static io.customerinsight.testing.Events.HOUR;
import static io.customerinsight.testing.Events.T0;
import static io.customerinsight.testing.Events.click;
import static io.customerinsight.testing.Events.feedback;
import static org.assertj.core.api.Assertions.assertThat;

/** Every record of every output topic says which version of its schema it follows (feedback-scored once did not). */
class OutputSchemaVersionTest {
    @Test
    void everyOutputRecordCarriesItsSchemaVersion() throws Exception {
        try (var h = new TopologyHarness()) {
            h.click("c1", click("e0", "c1", "page_view", T0, "s0"));
            h.busy(T0, T0 + 20 * DAY);
            h.feedback("c1", feedback("f1", "c1", T0 + 20 * DAY + 1000, "review", "terrible, it broke", 1));
            h.feedback("c1", feedback("f2", "c1", T0 + 20 * DAY + 2000, "survey", "great, thanks", null));
            h.click("c1", click("e-cancel", "c1", "subscription_cancel", T0 + 20 * DAY + 3000, "s-x"));
            h.busy(T0 + 20 * DAY + HOUR, T0 + 22 * DAY);

            for (TopicRole output : List.of(TopicRole.FEEDBACK_SCORED, TopicRole.CHURN_ALERTS,
                    TopicRole.CUSTOMER_PROFILES)) {
                List<String> values = h.driver.createOutputTopic(h.config.topic(output), new StringDeserializer(),
                        new StringDeserializer()).readValuesToList();
                assertThat(values).as(output.name()).isNotEmpty();
                for (String value : values) {
                    JsonNode json = EventSerdes.JSON.readTree(value);
                    assertThat(json.path("schemaVersion").asInt()).as(output + ": " + value).isEqualTo(1);
                }
            }
        }
    }
}
