package io.customerinsight.ops;

import com.fasterxml.jackson.databind.JsonNode;
import io.customerinsight.scoring.ModelCard;
import io.customerinsight.scoring.ScoringModels;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.kafka.streams.KafkaStreams;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Prometheus registry of a running instance: JVM and process meters, the Kafka Streams client metrics
 * (Micrometer's binder), a model-info gauge per loaded artifact, and the app's own {@link InsightMetrics}.
 */
public final class PrometheusMetrics implements AutoCloseable {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private KafkaStreamsMetrics streamsMetrics;

    public PrometheusMetrics() {
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        Gauge.builder("insight.model.generation", generation, AtomicLong::get)
                .description("The generation of models this instance runs: 1 at start-up, one more per hot reload")
                .register(registry);
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    private final List<Meter> modelInfo = new ArrayList<>();
    private final AtomicLong generation = new AtomicLong();

    public InsightMetrics insightMetrics() {
        return new InsightMetrics(registry);
    }

    /** Exposes the Streams client's own metrics (threads, tasks, consumer and producer, state stores). */
    public void bind(KafkaStreams streams) {
        streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(registry);
    }

    /**
     * {@code insight_model_info{role,name,version,kind,sha256} 1} for each artifact the instance runs now, and
     * {@code insight_model_generation}: called at start-up and after every hot reload, it replaces what it
     * showed before.
     */
    public synchronized void modelInfo(ScoringModels models, long generation) {
        modelInfo.forEach(registry::remove);
        modelInfo.clear();
        if (models.churn().card() != null) {
            modelInfo("churn", models.churn().card());
            expectedPrecision(models.churn().card());
        }
        models.sentiment().cards().forEach(card -> modelInfo("sentiment", card));
        if (models.segments() != null) {
            modelInfo("segments", models.segments().card());
        }
        if (models.topics() != null) {
            models.topics().cards().forEach(card -> modelInfo("topics", card));
        }
        if (models.suggestions() != null) {
            var card = models.suggestions().card();
            modelInfo("suggestions", card.name(), card.version(), "suggestions", card.sha256());
        }
        this.generation.set(generation);
    }

    /**
     * {@code insight_alert_precision_expected{level,model,version}}: the precision of level-entry alerts on the
     * card's validation rows, which realized precision ({@code insight_alert_outcomes_total}) is compared with.
     */
    private void expectedPrecision(ModelCard card) {
        JsonNode outcomes = card.metrics() == null ? null : card.metrics().path("alertOutcomes");
        for (String level : List.of("medium", "high")) {
            JsonNode precision = outcomes == null ? null : outcomes.path(level).path("precision");
            if (precision != null && precision.isNumber()) {
                double value = precision.asDouble();
                modelInfo.add(Gauge.builder("insight.alert.precision.expected", () -> value)
                        .description("Precision of level-entry alerts on the churn card's validation rows")
                        .tags("level", level, "model", card.name(), "version", card.version())
                        .register(registry));
            }
        }
    }

    private void modelInfo(String role, ModelCard card) {
        modelInfo(role, card.name(), card.version(), card.kind(), card.sha256());
    }

    private void modelInfo(String role, String name, String version, String kind, String sha256) {
        modelInfo.add(Gauge.builder("insight.model.info", () -> 1)
                .description("Models loaded by this instance (value is always 1)")
                .tags("role", role, "name", name, "version", version, "kind", kind, "sha256", sha256)
                .register(registry));
    }

    /** The Prometheus text exposition of every meter. */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        if (streamsMetrics != null) {
            streamsMetrics.close();
        }
        gc.close();
        registry.close();
    }
}
