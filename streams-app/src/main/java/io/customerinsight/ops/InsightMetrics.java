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
    private final Map<String, Map<String, Counter>> consumed = new ConcurrentHashMap<>();
    private final Map<String, Counter> profileUpdates = new ConcurrentHashMap<>();
    /** counted for most scorings: found once, registered at the first count (a race registers the same meters) */
    private Sweeps sweeps;

    private record Sweeps(Counter sweeps, Counter customers) {
    }

    /**
     * Histograms of probabilities are kept in percent: Micrometer's fixed-boundary histograms put every
     * value below 1 into the bucket at 1, so buckets of 0.1 would all read zero.
     */
    private static final double[] PERCENT_BUCKETS = {10, 20, 30, 40, 50, 60, 70, 80, 90, 100};

    private final Counter featureUpdates;

    public InsightMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.featureUpdates = Counter.builder("insight.feature.updates")
                .description(MeterDescriptions.of("insight.feature.updates")).register(registry);
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

    /** Counted for every event: looked up by topic, then type, without building a key. */
    public void eventConsumed(String topic, String type) {
        consumed.computeIfAbsent(topic, t -> new ConcurrentHashMap<>())
                .computeIfAbsent(type, t -> counter("insight.events.consumed", "topic", topic, "type", type))
                .increment();
    }

    public void invalidRecord(String topic, String reason) {
        counter("insight.invalid.records", "topic", topic, "reason", reason).increment();
    }

    /** A record whose id the customer's last records of that input already had: delivered again, not counted. */
    public void duplicateDropped(String input) {
        counter("insight.duplicates.dropped", "input", input).increment();
    }

    /** An event older than its customer's latest scoring point: that point is taken again with it. */
    public void eventOutOfOrder(String input) {
        counter("insight.events.out.of.order", "input", input).increment();
    }

    public void deadLetterWritten(String reason) {
        counter("insight.dlq.writes", "reason", reason).increment();
    }

    public void featureUpdate() {
        featureUpdates.increment(); // once per record: no lookup
    }

    public void rescoringSweep(int customers) {
        Sweeps counted = sweeps;
        if (counted == null) {
            counted = new Sweeps(counter("insight.rescoring.sweeps"), counter("insight.rescoring.customers"));
            sweeps = counted;
        }
        counted.sweeps().increment();
        counted.customers().increment(customers);
    }

    public void alertEmitted(String level) {
        counter("insight.alerts.emitted", "level", level).increment();
    }

    /** A complaint's topic was found: counted by language and the aspect its topic maps to. */
    public void complaintTopic(String language, String aspect) {
        counter("insight.complaint.topics", "language", language, "aspect", aspect).increment();
    }

    /**
     * An alert's product suggestions: {@code similar} when co-purchase similarity found some, {@code popular}
     * when only popular products could be offered (none of the customer's products is in the model's catalogue:
     * a new customer, or a catalogue the model has not seen).
     */
    public void alertSuggestions(String source) {
        counter("insight.alert.suggestions", "source", source).increment();
    }

    /** A customer found silent for longer than the churn model judges, at their first such scoring. */
    public void customerLapsed() {
        counter("insight.customers.lapsed").increment();
    }

    public void alertSuppressed(String reason) {
        counter("insight.alerts.suppressed", "reason", reason).increment();
    }

    /** @param outcome {@code replaced} (a new thread took over) or {@code shutdown} (too many; the instance stops) */
    public void streamThreadFailed(String outcome) {
        counter("insight.stream.thread.failures", "outcome", outcome).increment();
    }

    /** A customer erased on request (a tombstone keyed by the customer id). */
    public void customerErased() {
        counter("insight.customers.erased").increment();
    }

    public void profileUpdate(String outcome) {
        profileUpdates.computeIfAbsent(outcome, o -> counter("insight.profile.updates", "outcome", o)).increment();
    }

    /** A batch of profiles went out without a cluster because the segment model failed. */
    public void segmentFailure() {
        counter("insight.segment.failures").increment();
    }

    /** A changed part of the model directory was installed or refused by hot reload. */
    public void modelReload(String part, String outcome) {
        counter("insight.model.reloads", "part", part, "outcome", outcome).increment();
    }

    /** An alert's outcome was decided: whether the customer churned within the alerting model's horizon. */
    public void alertOutcome(String level, String reason, String modelVersion, String outcome) {
        counter("insight.alert.outcomes", "level", level, "reason", reason, "version", modelVersion,
                "outcome", outcome).increment();
    }

    /** A customer had more open alerts than its state keeps: the oldest one's outcome is not followed. */
    public void outcomeDropped() {
        counter("insight.alert.outcomes.dropped").increment();
    }

    /** The challenger failed on a batch: no shadow results for it, the champion's decisions stand. */
    public void shadowFailure() {
        counter("insight.shadow.failures").increment();
    }

    /** A task moved to a newer model generation between two scoring batches. */
    public void modelSwitch(long generation) {
        counter("insight.model.switches", "generation", Long.toString(generation)).increment();
    }

    /** One batched model call: each scoring is timed at the call's duration per row, each score counted. */
    public void churnScored(String model, String version, long nanosPerRow, double[] scores) {
        Timer timer = timer("insight.churn.scoring", "model", model, "version", version);
        DistributionSummary percent = summaries.computeIfAbsent(List.of("churn", model, version),
                k -> DistributionSummary.builder("insight.churn.score.percent")
                        .tags("model", model, "version", version)
                        .description(MeterDescriptions.of("insight.churn.score.percent"))
                        .serviceLevelObjectives(PERCENT_BUCKETS)
                        .register(registry));
        for (double score : scores) {
            timer.record(nanosPerRow, TimeUnit.NANOSECONDS);
            percent.record(score * 100);
        }
    }

    public void sentimentScored(String model, String version, String language, long nanos, int texts) {
        timer("insight.sentiment.scoring", "model", model, "version", version, "language", language)
                .record(nanos, TimeUnit.NANOSECONDS);
        counter("insight.sentiment.texts", "model", model, "language", language).increment(texts);
    }

    private Timer timer(String name, String... tags) {
        return timers.computeIfAbsent(key(name, tags),
                k -> Timer.builder(name).tags(tags).description(MeterDescriptions.of(name))
                        .publishPercentileHistogram().register(registry));
    }

    /**
     * One scored feedback text: its label, and its sentiment as positivity {@code (score + 1) * 50} in
     * [0, 100] (histogram buckets must be positive) into a histogram per language.
     */
    /** Which path decided a feedback message: {@code fast}, {@code encoder} (a cascade uses both), or {@code rating}. */
    public void sentimentDecided(String language, String path) {
        counter("insight.sentiment.decided", "language", language == null ? "unknown" : language,
                "path", path == null ? "other" : path).increment();
    }

    public void sentimentLabel(String label, String language, double score) {
        counter("insight.sentiment.labels", "label", label).increment();
        String lang = language == null ? "unknown" : language;
        summaries.computeIfAbsent(List.of("sentiment", lang), k -> DistributionSummary
                .builder("insight.sentiment.positivity.percent").tags("language", lang)
                .description(MeterDescriptions.of("insight.sentiment.positivity.percent"))
                .serviceLevelObjectives(PERCENT_BUCKETS)
                .register(registry)).record((score + 1) * 50);
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
        return counters.computeIfAbsent(key(name, tags), k -> Counter.builder(name).tags(tags)
                .description(MeterDescriptions.of(name)).register(registry));
    }

    private static List<String> key(String name, String... tags) {
        String[] key = new String[tags.length + 1];
        key[0] = name;
        System.arraycopy(tags, 0, key, 1, tags.length);
        return Arrays.asList(key);
    }
}
