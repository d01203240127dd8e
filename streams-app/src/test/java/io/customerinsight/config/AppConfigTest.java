package io.customerinsight.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AppConfigTest {
    @TempDir
    Path dir;

    @Test
    void flagsBeatEnvironmentWhichBeatsTheFile() throws Exception {
        Path file = dir.resolve("app.properties");
        Files.writeString(file, """
                bootstrap.servers=file:9092
                application.id=from-file
                security.protocol=SASL_SSL
                insight.alert.cooldown=3d
                insight.topic.alerts=file-alerts
                """);
        AppConfig config = AppConfig.resolve(file,
                Map.of("KAFKA_BOOTSTRAP_SERVERS", "env:9092", "KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
                        "KAFKA_HOME", "/opt/kafka", "INSIGHT_TOPIC_ALERTS", "env-alerts"),
                Map.of("bootstrap.servers", "flag:9092"));
        assertThat(config.get("bootstrap.servers")).isEqualTo("flag:9092");
        assertThat(config.get("sasl.mechanism")).isEqualTo("SCRAM-SHA-512");
        assertThat(config.get("application.id")).isEqualTo("from-file");
        assertThat(config.topic(TopicRole.CHURN_ALERTS)).isEqualTo("env-alerts");
        // KAFKA_HOME is not a Kafka setting and is not passed to the clients
        assertThat(config.kafkaSettings()).doesNotContainKey("home").containsEntry("security.protocol", "SASL_SSL")
                .doesNotContainKey("insight.alert.cooldown");
        assertThat(config.insight().alertCooldown()).isEqualTo(Duration.ofDays(3));
    }

    @Test
    void durationsReadShortAndIsoForms() {
        assertThat(Durations.parse("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Durations.parse("7d")).isEqualTo(Duration.ofDays(7));
        assertThat(Durations.parse("PT6H")).isEqualTo(Duration.ofHours(6));
        assertThatThrownBy(() -> Durations.parse("soon")).hasMessageContaining("not a duration");
    }
}
