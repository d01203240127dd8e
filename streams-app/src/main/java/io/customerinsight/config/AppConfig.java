package io.customerinsight.config;

import io.customerinsight.alerts.AlertPolicy;
import io.customerinsight.alerts.RiskLevel;
import io.customerinsight.alerts.RiskThresholds;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * The application's settings, merged from a properties file, then environment variables, then flags
 * (each overriding the one before). Keys starting with {@code insight.} are the app's own (see README,
 * "Configuration"); every other key is a Kafka Streams or Kafka client setting and is passed through.
 * Environment: {@code KAFKA_SASL_MECHANISM} sets {@code sasl.mechanism} (known Kafka keys only), and
 * {@code INSIGHT_ALERT_COOLDOWN} sets {@code insight.alert.cooldown}.
 */
public final class AppConfig {
    private static final Set<String> KAFKA_KEYS = new HashSet<>();

    static {
        KAFKA_KEYS.addAll(StreamsConfig.configDef().names());
        KAFKA_KEYS.addAll(ProducerConfig.configNames());
        KAFKA_KEYS.addAll(ConsumerConfig.configNames());
        KAFKA_KEYS.addAll(AdminClientConfig.configNames());
    }

    private final Map<String, String> values;

    private AppConfig(Map<String, String> values) {
        this.values = values;
    }

    public static AppConfig of(Map<String, String> values) {
        return new AppConfig(new TreeMap<>(values));
    }

    public static AppConfig resolve(Path file, Map<String, String> env, Map<String, String> flags) {
        Map<String, String> merged = new LinkedHashMap<>();
        if (file != null) {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(file)) {
                p.load(r);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read config file " + file, e);
            }
            p.forEach((k, v) -> merged.put(k.toString(), v.toString().trim()));
        }
        env.forEach((name, value) -> {
            if (name.startsWith("INSIGHT_")) {
                merged.put("insight." + name.substring(8).toLowerCase(Locale.ROOT).replace('_', '.'), value);
            } else if (name.startsWith("KAFKA_")) {
                String key = name.substring(6).toLowerCase(Locale.ROOT).replace('_', '.');
                if (KAFKA_KEYS.contains(key)) {
                    merged.put(key, value);
                }
            }
        });
        merged.putAll(flags);
        return of(merged);
    }

    public AppConfig with(String key, String value) {
        Map<String, String> copy = new TreeMap<>(values);
        copy.put(key, value);
        return new AppConfig(copy);
    }

    public String get(String key, String fallback) {
        return values.getOrDefault(key, fallback);
    }

    public String get(String key) {
        return values.get(key);
    }

    /** The Kafka Streams and client settings: every key not starting with {@code insight.}. */
    public Map<String, Object> kafkaSettings() {
        Map<String, Object> out = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (!k.startsWith("insight.")) {
                out.put(k, v);
            }
        });
        return out;
    }

    public TopicNames topics() {
        TopicNames d = TopicNames.defaults();
        return new TopicNames(
                get("insight.topic.clickstream", d.clickstream()),
                get("insight.topic.feedback", d.feedback()),
                get("insight.topic.alerts", d.churnAlerts()),
                get("insight.topic.profiles", d.customerProfiles()),
                get("insight.topic.feedback.scored", d.feedbackScored()),
                get("insight.topic.dlq", d.deadLetter()));
    }

    private Duration duration(String key, String fallback) {
        return Durations.parse(get(key, fallback));
    }

    private double number(String key, String fallback) {
        return Double.parseDouble(get(key, fallback));
    }

    /** @param cardThresholds medium and high thresholds from the churn model card; the config overrides them */
    public PipelineSettings pipelineSettings(RiskThresholds cardThresholds) {
        RiskThresholds thresholds = new RiskThresholds(
                number("insight.risk.medium", Double.toString(cardThresholds.medium())),
                number("insight.risk.high", Double.toString(cardThresholds.high())),
                number("insight.risk.hysteresis", Double.toString(cardThresholds.hysteresis())));
        AlertPolicy policy = new AlertPolicy(thresholds, duration("insight.alert.cooldown", "7d"),
                RiskLevel.fromWire(get("insight.alert.min.level", "medium")));
        return new PipelineSettings(topics(), policy,
                duration("insight.grace", "6h"),
                duration("insight.rescore.min.interval", "1m"),
                duration("insight.rescore.inactivity", "24h"),
                (int) number("insight.sweep.max", "10000"),
                duration("insight.retention", "90d"),
                number("insight.sentiment.urgent", "-0.6"),
                (int) number("insight.text.max.chars", "2000"),
                (int) number("insight.alert.top.factors", "5"),
                duration("insight.alert.min.history", "14d"),
                (int) number("insight.scoring.batch", "256"),
                duration("insight.scoring.max.delay", "100ms"),
                duration("insight.scoring.max.lag", "6h"),
                (int) number("insight.state.cache.customers", "20000"));
    }
}
