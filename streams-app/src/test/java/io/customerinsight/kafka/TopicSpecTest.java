package io.customerinsight.kafka;

import io.customerinsight.config.TopicRole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TopicSpecTest {
    @TempDir
    Path dir;

    @Test
    void theBundledDescriptionsHaveEveryRoleOnceAndEqualInputPartitions() {
        List<TopicSpec> specs = TopicSpec.load(null);
        Map<TopicRole, TopicSpec> byRole = specs.stream()
                .collect(Collectors.toMap(s -> TopicRole.ofRole(s.role()), Function.identity()));
        assertThat(byRole).hasSize(specs.size()).containsOnlyKeys(TopicRole.values());
        assertThat(byRole.get(TopicRole.CLICKSTREAM).partitions())
                .isEqualTo(byRole.get(TopicRole.FEEDBACK).partitions());
        assertThat(byRole.get(TopicRole.CUSTOMER_PROFILES).configs()).containsEntry("cleanup.policy", "compact");
        // outputs carry event times: a replayed backlog's records would be deleted by time retention at once
        for (TopicRole output : List.of(TopicRole.CHURN_ALERTS, TopicRole.CUSTOMER_PROFILES, TopicRole.FEEDBACK_SCORED,
                TopicRole.DEAD_LETTER)) {
            assertThat(byRole.get(output).configs()).as(output.role())
                    .containsEntry("message.timestamp.type", "LogAppendTime");
        }
    }

    @Test
    void onASmallClusterTheReplicationFactorAndMinInsyncReplicasAreCappedWithAWarning() {
        TopicSpec declared = new TopicSpec("churn-alerts", "churn-alerts", 6, (short) 3,
                Map.of("min.insync.replicas", "2", "retention.ms", "1209600000"));
        List<String> warnings = new java.util.ArrayList<>();
        TopicSpec oneBroker = TopicApplier.fitted(declared, 1, warnings);
        assertThat(oneBroker.replicationFactor()).isEqualTo((short) 1);
        assertThat(oneBroker.configs()).containsEntry("min.insync.replicas", "1")
                .containsEntry("retention.ms", "1209600000");
        assertThat(warnings).hasSize(2);
        assertThat(TopicApplier.fitted(declared, 3, new java.util.ArrayList<>())).isEqualTo(declared);
        assertThat(TopicSpec.load(null)).filteredOn(s -> s.replicationFactor() > 1)
                .allSatisfy(s -> assertThat(s.configs()).containsEntry("min.insync.replicas", "2"));
    }

    @Test
    void aRoleTheAppDoesNotKnowIsRefused() throws Exception {
        Path file = dir.resolve("topics.yaml");
        Files.writeString(file, """
                topics:
                  - role: churn-alert
                    partitions: 1
                    replicationFactor: 1
                    configs: {}
                """);
        assertThatThrownBy(() -> TopicSpec.load(file)).hasMessageContaining("churn-alert")
                .hasMessageContaining("churn-alerts");
    }
}
