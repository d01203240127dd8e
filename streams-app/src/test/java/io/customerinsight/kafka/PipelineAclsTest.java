package io.customerinsight.kafka;

import io.customerinsight.config.AppConfig;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The ACLs follow the configured topic names and application.id; KafkaAclsIT runs the pipeline on them. */
class PipelineAclsTest {

    @Test
    void commandsNameTheConfiguredTopicsGroupAndTransactionalIds() {
        AppConfig config = AppConfig.of(Map.of("application.id", "shop-insight",
                "insight.topic.clickstream", "shop.clicks"));
        var commands = PipelineAcls.asCommands(PipelineAcls.forPipeline(config, "User:insight"), "kafka-1:9093");
        assertThat(commands).allSatisfy(c -> assertThat(c).startsWith("kafka-acls.sh --bootstrap-server kafka-1:9093 ")
                .contains("--add --allow-principal User:insight"));
        assertThat(commands).anySatisfy(c -> assertThat(c).endsWith("--operation Read --topic shop.clicks"))
                .anySatisfy(c -> assertThat(c).endsWith("--operation Write --topic customer-profiles"))
                .anySatisfy(c -> assertThat(c).endsWith("--operation Write --topic insight-dlq"))
                .anySatisfy(c -> assertThat(c).endsWith("--operation Delete --topic shop-insight- "
                        + "--resource-pattern-type prefixed"))
                .anySatisfy(c -> assertThat(c).endsWith("--operation Read --group shop-insight"))
                .anySatisfy(c -> assertThat(c).endsWith("--operation Write --transactional-id shop-insight "
                        + "--resource-pattern-type prefixed"));
        assertThat(commands).noneMatch(c -> c.contains("--topic clickstream"))
                .noneMatch(c -> c.contains("Read --topic customer-profiles"))
                .noneMatch(c -> c.contains("--operation Create --topic customer-profiles"));
        assertThat(PipelineAcls.asCommands(PipelineAcls.forTopicsApply(config, "User:ops"), "kafka-1:9093"))
                .anySatisfy(c -> assertThat(c).endsWith("--operation Create --topic customer-profiles"));
    }
}
