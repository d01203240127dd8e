package io.customerinsight.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The application's settings, merged from a properties file, then environment variables, then flags
 * (each overriding the one before). Keys starting with {@code insight.} are the app's own, declared in
 * {@link InsightConfig} and validated there; every other key is a Kafka Streams or Kafka client setting and
 * is passed through. Environment: {@code KAFKA_SASL_MECHANISM} sets {@code sasl.mechanism} and
 * {@code KAFKA_PRODUCER_COMPRESSION_TYPE} sets {@code producer.compression.type} (known Kafka keys, also
 * behind a client prefix), {@code INSIGHT_ALERT_COOLDOWN} sets {@code insight.alert.cooldown}. A variable
 * that names no setting is ignored (Kubernetes injects {@code INSIGHT_..._SERVICE_HOST} into every pod),
 * while an unknown {@code insight.*} key in the file or a flag stops start-up.
 */
public final class AppConfig {
    /** Kafka Streams' {@code application.id} when none is set: the consumer group and internal topics' prefix. */
    public static final String DEFAULT_APPLICATION_ID = "customer-insight";
    private static final Logger log = LoggerFactory.getLogger(AppConfig.class);

    private final Map<String, String> values;
    private final InsightConfig insight;

    private AppConfig(Map<String, String> values) {
        this.values = values;
        this.insight = InsightConfig.of(values);
    }

    /** @throws org.apache.kafka.common.config.ConfigException for an unknown or invalid {@code insight.*} setting */
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
        merged.putAll(fromEnvironment(env));
        merged.putAll(flags);
        return of(merged);
    }

    /** The settings that environment variables name; variables that name none are left out. */
    static Map<String, String> fromEnvironment(Map<String, String> env) {
        Map<String, String> out = new TreeMap<>();
        new TreeMap<>(env).forEach((name, value) -> {
            if (name.startsWith("INSIGHT_")) {
                String key = InsightConfig.PREFIX + name.substring(8).toLowerCase(Locale.ROOT).replace('_', '.');
                if (InsightConfig.isKnown(key)) {
                    out.put(key, value);
                } else {
                    log.info("environment variable {} names no insight.* setting; ignored", name);
                }
            } else if (name.startsWith("KAFKA_")) {
                String key = name.substring(6).toLowerCase(Locale.ROOT).replace('_', '.');
                if (KafkaKeys.isKnown(key)) {
                    out.put(key, value);
                }
            }
        });
        return out;
    }

    public AppConfig with(String key, String value) {
        Map<String, String> copy = new TreeMap<>(values);
        copy.put(key, value);
        return new AppConfig(copy);
    }

    /** The validated, typed {@code insight.*} settings. */
    public InsightConfig insight() {
        return insight;
    }

    public String get(String key) {
        return values.get(key);
    }

    public String topic(TopicRole role) {
        return insight.topic(role);
    }

    /** The Kafka Streams and client settings: every key not starting with {@code insight.}. */
    public Map<String, Object> kafkaSettings() {
        Map<String, Object> out = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (!k.startsWith(InsightConfig.PREFIX)) {
                out.put(k, v);
            }
        });
        return out;
    }
}
