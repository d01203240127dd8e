package io.customerinsight.customer;

import io.customerinsight.alerts.AlertPolicy;
import io.customerinsight.config.InsightConfig;
import io.customerinsight.drift.DriftMonitor;
import io.customerinsight.events.CustomerEvent;
import io.customerinsight.ops.InsightMetrics;
import io.customerinsight.scoring.ScoringModels;
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

    private final InsightConfig config;
    private final AlertPolicy policy;
    private final ScoringModels models;
    private final InsightMetrics metrics;
    private final DriftMonitor drift;

    /** @param drift where scored feature vectors are counted for drift monitoring, or null */
    public CustomerStage(InsightConfig config, ScoringModels models, InsightMetrics metrics, DriftMonitor drift) {
        this.config = config;
        this.policy = AlertPolicy.from(config, models.churn().card());
        this.models = models;
        this.metrics = metrics;
        this.drift = drift;
    }

    InsightConfig config() {
        return config;
    }

    ScoringModels models() {
        return models;
    }

    @Override
    public Processor<String, CustomerEvent, String, InsightOutput> get() {
        AlertDecider alerts = new AlertDecider(policy, config, models.churn(), models.explainer(), metrics);
        ChurnScoring scoring = new ChurnScoring(models.churn(), metrics, drift, config.maxPerSweep());
        return new CustomerInsightProcessor(this, new ScoringScheduler(config), scoring, alerts,
                profilePublisher(alerts), metrics);
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
        return new LocalProfileReader(streams, profilePublisher(
                new AlertDecider(policy, config, models.churn(), models.explainer(), metrics)));
    }

    private ProfilePublisher profilePublisher(AlertDecider alerts) {
        return new ProfilePublisher(alerts, config, models.churn().version(), metrics, models.value(),
                models.segments());
    }

}
