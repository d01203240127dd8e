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
