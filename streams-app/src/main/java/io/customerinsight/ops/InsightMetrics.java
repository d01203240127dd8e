package io.customerinsight.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The application's own meters, named after Prometheus conventions ({@code insight_*_total}, {@code _seconds}).
 * Kafka Streams instantiates handlers by reflection, so the instance reaches them through the
 * {@link #CONFIG_KEY} entry of the Streams configuration.
 */
public final class InsightMetrics {
    public static final String CONFIG_KEY = "insight.metrics";

    private final MeterRegistry registry;
    // keyed by name and tag values without building strings: these are looked up on every record
    private final Map<List<String>, Counter> counters = new ConcurrentHashMap<>();
    private final Map<List<String>, Timer> timers = new ConcurrentHashMap<>();
    private final Map<List<String>, DistributionSummary> summaries = new ConcurrentHashMap<>();

    private final Counter featureUpdates;

    public InsightMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.featureUpdates = Counter.builder("insight.feature.updates").register(registry);
    }

    public static InsightMetrics standalone() {
        return new InsightMetrics(new SimpleMeterRegistry());
    }

    /** The instance passed in a Streams configuration, or one on Micrometer's global registry. */
    public static InsightMetrics from(Map<String, ?> configs) {
        Object value = configs.get(CONFIG_KEY);
        return value instanceof InsightMetrics m ? m : new InsightMetrics(Metrics.globalRegistry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    public void eventConsumed(String topic, String type) {
        counter("insight.events.consumed", "topic", topic, "type", type).increment();
    }

    public void invalidRecord(String topic, String reason) {
        counter("insight.invalid.records", "topic", topic, "reason", reason).increment();
    }

    public void deadLetterWritten(String reason) {
        counter("insight.dlq.writes", "reason", reason).increment();
    }

    public void featureUpdate() {
        featureUpdates.increment(); // once per record: no lookup
    }

    public void rescoringSweep(int customers) {
        counter("insight.rescoring.sweeps").increment();
        counter("insight.rescoring.customers").increment(customers);
    }

    public void alertEmitted(String level) {
        counter("insight.alerts.emitted", "level", level).increment();
    }

    public void alertSuppressed(String reason) {
        counter("insight.alerts.suppressed", "reason", reason).increment();
    }

    public void profileUpdate(String outcome) {
        counter("insight.profile.updates", "outcome", outcome).increment();
    }

    public void churnScored(String model, String version, long nanos, double score) {
        timer("insight.churn.scoring", "model", model, "version", version).record(nanos, TimeUnit.NANOSECONDS);
        summaries.computeIfAbsent(List.of(model, version), k -> DistributionSummary.builder("insight.churn.score")
                .tags("model", model, "version", version)
                .serviceLevelObjectives(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0)
                .register(registry)).record(score);
    }

    public void sentimentScored(String model, String version, String language, long nanos, int texts) {
        timer("insight.sentiment.scoring", "model", model, "version", version, "language", language)
                .record(nanos, TimeUnit.NANOSECONDS);
        counter("insight.sentiment.texts", "model", model, "language", language).increment(texts);
    }

    private Timer timer(String name, String... tags) {
        return timers.computeIfAbsent(key(name, tags),
                k -> Timer.builder(name).tags(tags).publishPercentileHistogram().register(registry));
    }

    public void sentimentLabel(String label) {
        counter("insight.sentiment.labels", "label", label).increment();
    }

    public double count(String name, String... tags) {
        Counter c = registry.find(name).tags(tags).counter();
        return c == null ? 0 : c.count();
    }

    /** Sum of a counter over all its tag values. */
    public double total(String name) {
        return registry.find(name).counters().stream().mapToDouble(Counter::count).sum();
    }

    /** A counter's totals by the values of one tag (empty when nothing was counted). */
    public Map<String, Long> byTag(String name, String tag) {
        Map<String, Long> out = new java.util.TreeMap<>();
        registry.find(name).counters().forEach(c -> out.merge(c.getId().getTag(tag), (long) c.count(), Long::sum));
        return out;
    }

    private Counter counter(String name, String... tags) {
        return counters.computeIfAbsent(key(name, tags), k -> Counter.builder(name).tags(tags).register(registry));
    }

    private static List<String> key(String name, String... tags) {
        String[] key = new String[tags.length + 1];
        key[0] = name;
        System.arraycopy(tags, 0, key, 1, tags.length);
        return Arrays.asList(key);
    }
}
