package io.customerinsight.config;

import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InsightConfigTest {
    @TempDir
    Path dir;

    @Test
    void aMisspeltKeyFromTheFileOrAFlagStopsStartUpAndNamesTheKey() throws Exception {
        Path file = dir.resolve("app.properties");
        Files.writeString(file, "insight.alert.cooldwn=3d\n");
        assertThatThrownBy(() -> AppConfig.resolve(file, Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("insight.alert.cooldwn").hasMessageContaining("did you mean insight.alert.cooldown");
        assertThatThrownBy(() -> AppConfig.resolve(null, Map.of(), Map.of("insight.grase", "1h")))
                .hasMessageContaining("insight.grase");
    }

    @Test
    void anInvalidValueNamesTheKeyAndWhatItAccepts() {
        assertThatThrownBy(() -> InsightConfig.of(Map.of(InsightConfig.GRACE, "soon")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("insight.grace").hasMessageContaining("not a duration");
        assertThatThrownBy(() -> InsightConfig.of(Map.of(InsightConfig.SCORING_BATCH, "many")))
                .hasMessageContaining("insight.scoring.batch");
        assertThatThrownBy(() -> InsightConfig.of(Map.of(InsightConfig.SCORING_BATCH, "0")))
                .hasMessageContaining("insight.scoring.batch").hasMessageContaining("at least 1");
        assertThatThrownBy(() -> InsightConfig.of(Map.of(InsightConfig.GRACE, "60d")))
                .hasMessageContaining("insight.grace").hasMessageContaining("at most 31d");
        assertThatThrownBy(() -> InsightConfig.of(Map.of(InsightConfig.SENTIMENT_ENGINE, "gpt")))
                .hasMessageContaining("insight.sentiment.engine").hasMessageContainingAll("ENCODER", "FAST");
    }

    @Test
    void environmentVariablesThatNameNoSettingAreIgnoredNotFatal() {
        // Kubernetes injects service links such as these into every pod
        AppConfig config = AppConfig.resolve(null, Map.of(
                "INSIGHT_CUSTOMER_INSIGHT_SERVICE_HOST", "10.0.0.1",
                "INSIGHT_CUSTOMER_INSIGHT_PORT_8080_TCP", "tcp://10.0.0.1:8080",
                "INSIGHT_GRACE", "2h"), Map.of());
        assertThat(config.insight().grace()).isEqualTo(Duration.ofHours(2));
        assertThat(config.kafkaSettings()).isEmpty();
    }

    @Test
    void prefixedKafkaKeysAreMappedFromTheEnvironment() {
        AppConfig config = AppConfig.resolve(null, Map.of(
                "KAFKA_PRODUCER_COMPRESSION_TYPE", "zstd",
                "KAFKA_MAIN_CONSUMER_MAX_POLL_RECORDS", "500",
                "KAFKA_TOPIC_MIN_INSYNC_REPLICAS", "2",
                "KAFKA_PRODUCER_NOT_A_SETTING", "x"), Map.of());
        assertThat(config.kafkaSettings())
                .containsEntry("producer.compression.type", "zstd")
                .containsEntry("main.consumer.max.poll.records", "500")
                .containsEntry("topic.min.insync.replicas", "2")
                .doesNotContainKey("producer.not.a.setting");
    }

    @Test
    void everyDefaultIsValidAndTyped() {
        InsightConfig defaults = InsightConfig.defaults();
        assertThat(defaults.grace()).isEqualTo(Duration.ofDays(30));
        assertThat(defaults.maxTextChars()).isEqualTo(2000);
        assertThat(defaults.riskMedium()).isNull();
        assertThat(defaults.topic(TopicRole.CHURN_ALERTS)).isEqualTo("churn-alerts");
    }
}
