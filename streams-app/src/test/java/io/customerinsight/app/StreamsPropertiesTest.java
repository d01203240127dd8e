package io.customerinsight.app;

import io.customerinsight.config.InsightConfig;
import io.customerinsight.deadletter.DeadLetteringProcessingHandler;
import io.customerinsight.ops.InsightMetrics;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class StreamsPropertiesTest {

    @Test
    void performanceDefaultsYieldToTheUsersSettingsButTheDeadLetterWiringDoesNot() {
        Properties defaults = StreamsProperties.build(Map.of(), InsightConfig.defaults(),
                InsightMetrics.standalone());
        assertThat(defaults).containsEntry("producer.compression.type", "lz4")
                .containsEntry("producer.batch.size", 128 * 1024)
                .containsEntry(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, -1L)
                .containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        assertThat(StreamsProperties.build(Map.of(), InsightConfig.of(Map.of(InsightConfig.INPUT_MERGE, "streams")),
                InsightMetrics.standalone())).containsEntry(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, 0L);

        Properties user = StreamsProperties.build(Map.of(
                        "producer.compression.type", "zstd",
                        "producer.batch.size", "16384",
                        StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, "0",
                        StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, "com.example.Ignore"),
                InsightConfig.defaults(), InsightMetrics.standalone());
        assertThat(user.get(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG))
                .isEqualTo(io.customerinsight.customer.BoundedRocksDbMemory.class);
        assertThat(user).containsEntry("producer.compression.type", "zstd")
                .containsEntry("producer.batch.size", "16384")
                .containsEntry(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, "0")
                .containsEntry(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
                        DeadLetteringProcessingHandler.class);
    }
}
