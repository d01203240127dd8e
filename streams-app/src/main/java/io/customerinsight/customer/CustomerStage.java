package io.customerinsight.customer;

import io.customerinsight.actions.Playbook;
import io.customerinsight.alerts.AlertPolicy;
import io.customerinsight.config.InsightConfig;
import io.customerinsight.drift.DriftMonitor;
import io.customerinsight.events.CustomerEvent;
import io.customerinsight.lifecycle.LiveModels;
import io.customerinsight.lifecycle.ModelGeneration;
import io.customerinsight.ops.InsightMetrics;
import io.customerinsight.scoring.ScoringModels;
import io.customerinsight.shadow.ShadowScoring;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

import java.util.Set;

/**
 * The per-customer stage's public seam: its store, its processor for the topology, and a reader of the
 * profiles it keeps for live queries. Scoring runs in event time and is batched: activity, or silence, sets
 * a customer's scoring point, a snapshot of its features is taken when stream time passes the point, and
 * the snapshots waiting are scored with one model call.
 */
public final class CustomerStage implements ProcessorSupplier<String, CustomerEvent, String, InsightOutput> {
    /** The customer store: one state per customer, also read by interactive queries. */
    public static final String STORE = "customer-state";
    /** The processor's node name in the topology. */
    public static final String PROCESSOR = "customer-insight";
    /**
     * The name of the repartition topic records keyed by anything but their customer id reach the stage
     * through: their order is not their partition's, so their scoring points are their own times.
     */
    public static final String REKEYED = "input-rekeyed";

    private final InsightConfig config;
    private final LiveModels models;
    private final InsightMetrics metrics;
    private final Playbook playbook;

    /** Models that never change; @param drift where scored feature vectors are counted for drift, or null */
    public CustomerStage(InsightConfig config, ScoringModels models, InsightMetrics metrics, DriftMonitor drift) {
        this(config, LiveModels.of(models, drift), metrics);
    }

    /** @param models the live generation of models, which hot reload may replace while the stage runs */
    public CustomerStage(InsightConfig config, LiveModels models, InsightMetrics metrics) {
        this.config = config;
        AlertPolicy.from(config, models.current().churn().card()); // refuses a model without thresholds at start
        this.models = models;
        this.metrics = metrics;
        this.playbook = Playbook.load(config.playbook());
    }

    InsightConfig config() {
        return config;
    }

    LiveModels models() {
        return models;
    }

    /**
     * What scores and decides with one generation of models. Built when a task starts and again when it moves
     * to a newer generation: the thresholds are the new card's, while the levels customers reached carry over
     * in their states, so a new version re-levels each customer at its own next scoring.
     */
    record ScoringWith(ModelGeneration generation, ChurnScoring scoring, AlertDecider alerts,
                       ProfilePublisher profiles, ShadowScoring shadow) {
    }

    ScoringWith scoringWith(ModelGeneration generation) {
        AlertPolicy policy = AlertPolicy.from(config, generation.churn().card());
        AlertDecider alerts = new AlertDecider(policy, config, generation.churn(), generation.models().explainer(),
                metrics, playbook, generation.suggestions());
        ShadowScoring shadow = generation.challenger() == null ? null : new ShadowScoring(generation.churn(),
                policy.thresholds(), generation.challenger(), policy.minLevel());
        return new ScoringWith(generation, new ChurnScoring(generation.churn(), metrics, generation.drift(),
                config.maxPerSweep()), alerts, new ProfilePublisher(alerts, config, generation.churn().version(),
                metrics, generation.value(), generation.segments()), shadow);
    }

    @Override
    public Processor<String, CustomerEvent, String, InsightOutput> get() {
        return new CustomerInsightProcessor(this, new ScoringScheduler(config), metrics);
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
        return Set.of(storeBuilder());
    }

    StoreBuilder<?> storeBuilder() {
        return new WriteBackStoreBuilder<>(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE),
                Serdes.String(), CustomerState.SERDE), config.cachedCustomers());
    }

    /** Reads the profiles of the customers this instance holds, as the stage would publish them. */
    public LocalProfileReader profileReader(KafkaStreams streams) {
        return new LocalProfileReader(streams, this);
    }

}
