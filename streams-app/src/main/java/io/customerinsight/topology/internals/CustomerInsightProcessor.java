package io.customerinsight.topology.internals;

import io.customerinsight.alerts.AlertPolicy;
import io.customerinsight.alerts.ChurnAlert;
import io.customerinsight.alerts.RiskLevel;
import io.customerinsight.config.PipelineSettings;
import io.customerinsight.drift.DriftMonitor;
import io.customerinsight.events.ClickEvent;
import io.customerinsight.events.CustomerEvent;
import io.customerinsight.events.DeadLetterReason;
import io.customerinsight.events.EventType;
import io.customerinsight.events.InvalidEventException;
import io.customerinsight.events.ScoredFeedback;
import io.customerinsight.features.CustomerActivity;
import io.customerinsight.features.FeatureExtractor;
import io.customerinsight.ops.InsightMetrics;
import io.customerinsight.profiles.CustomerProfile;
import io.customerinsight.profiles.ProfileBuilder;
import io.customerinsight.scoring.ScoringModels;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The per-customer heart of the pipeline: folds each event into the customer's state, rescores churn
 * when due, decides alerts, and publishes rate-limited profiles. Scoring is batched: activity, or the
 * passing of stream time for a customer who went quiet, makes a customer due in the {@link DueQueue}
 * (so nobody is scanned), and a sweep scores all due customers with one model call, as soon as enough
 * are waiting, after a short wall-clock delay, or when a replay takes stream time too far past a due time.
 */
public final class CustomerInsightProcessor implements Processor<String, CustomerEvent, String, InsightOutput> {
    public static final String CUSTOMER_STORE = "customer-state";

    private final PipelineSettings settings;
    private final ScoringModels models;
    private final InsightMetrics metrics;
    private final AlertPolicy policy;
    private final DriftMonitor drift;
    private ProcessorContext<String, InsightOutput> context;
    private KeyValueStore<String, CustomerState> customers;
    private final DueQueue due = new DueQueue();
    /** customers made due by activity since the last sweep */
    private int waiting;

    /** The stores this processor needs, to be added to the topology and connected to it. */
    public static List<StoreBuilder<?>> storeBuilders(PipelineSettings settings) {
        return List.of(new WriteBackStoreBuilder<>(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(CUSTOMER_STORE), Serdes.String(), CustomerState.SERDE),
                settings.cachedCustomers()));
    }

    public CustomerInsightProcessor(PipelineSettings settings, ScoringModels models, InsightMetrics metrics,
                                    DriftMonitor drift) {
        this.settings = settings;
        this.drift = drift;
        this.models = models;
        this.metrics = metrics;
        this.policy = settings.alertPolicy();
    }

    @Override
    public void init(ProcessorContext<String, InsightOutput> context) {
        this.context = context;
        this.customers = context.getStateStore(CUSTOMER_STORE);
        due.clear();
        try (KeyValueIterator<String, CustomerState> all = customers.all()) {
            all.forEachRemaining(kv -> due.schedule(kv.key, Long.MIN_VALUE, kv.value.dueAt));
        }
        // a wall-clock punctuator serves activity and silence alike (stream time only moves with records); a
        // sweep per stream-time interval scored a handful of customers per model call when a backlog was
        // replayed, so stream time triggers a sweep only past the maximum lag (in process)
        context.schedule(settings.scoringMaxDelay(), PunctuationType.WALL_CLOCK_TIME, wallClock -> {
            long now = context.currentStreamTimeMs();
            if (waiting > 0 || due.hasDueBy(now)) {
                sweep(now);
            }
        });
    }

    @Override
    public void close() {
        due.clear();
    }

    @Override
    public void process(Record<String, CustomerEvent> record) {
        CustomerEvent event = record.value();
        long streamTime = Math.max(context.currentStreamTimeMs(), event.timestamp());
        if (event.timestamp() < streamTime - settings.grace().toMillis()) {
            throw new InvalidEventException(DeadLetterReason.LATE_EVENT, "event is older than stream time minus the "
                    + settings.grace() + " grace period");
        }
        String customerId = record.key();
        CustomerState state = customers.get(customerId);
        if (state == null) {
            state = new CustomerState(new CustomerActivity());
        }
        boolean urgent;
        if (event instanceof ClickEvent click) {
            state.activity.apply(click);
            EventType type = click.eventType();
            urgent = type == EventType.SUPPORT_CONTACT || type == EventType.SUBSCRIPTION_CANCEL;
        } else {
            ScoredFeedback feedback = (ScoredFeedback) event;
            state.activity.apply(feedback);
            urgent = feedback.sentiment() <= settings.urgentSentiment();
        }
        metrics.featureUpdate();
        state.dirty = true;
        boolean scoreNow = urgent || state.lastScoredAt == Long.MIN_VALUE
                || streamTime - state.lastScoredAt >= settings.minRescoreInterval().toMillis();
        long next = scoreNow ? streamTime : nextDue(state);
        if (state.dueAt == Long.MIN_VALUE || next < state.dueAt) { // activity only ever brings scoring forward
            due.schedule(customerId, state.dueAt, next);
            state.dueAt = next;
        }
        customers.put(customerId, state);
        if ((scoreNow && ++waiting >= settings.scoringBatch())
                || due.hasDueBy(streamTime - settings.scoringMaxLag().toMillis())) {
            sweep(streamTime);
        }
    }

    /**
     * Scores every customer whose due time has come (fresh activity, a risk signal, or time passing for a
     * quiet one), up to the per-sweep limit, with one batched model call for all of them: ONNX Runtime's
     * per-call overhead is many times the cost of a row.
     */
    void sweep(long now) {
        waiting = 0;
        List<String> ids = new ArrayList<>();
        List<CustomerState> states = new ArrayList<>();
        for (DueQueue.Due d : due.dueBy(now, settings.maxPerSweep())) {
            CustomerState state = customers.get(d.customerId());
            if (state == null || state.dueAt != d.dueAt()) {
                // a stale entry (an update that failed half-way, after the queue moved but before the store
                // did): the store is the truth, so the entry goes back to the stored due time
                due.remove(d.customerId(), d.dueAt());
                if (state != null) {
                    due.schedule(d.customerId(), Long.MIN_VALUE, state.dueAt);
                }
                continue;
            }
            if (now - state.activity.lastActivity() > settings.retention().toMillis()) {
                due.remove(d.customerId(), d.dueAt());
                customers.delete(d.customerId());
                continue;
            }
            ids.add(d.customerId());
            states.add(state);
        }
        float[][] rows = new float[ids.size()][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = FeatureExtractor.extract(states.get(i).activity, now);
        }
        double[] scores = score(rows);
        if (drift != null && rows.length > 0) {
            drift.observe(rows, scores);
        }
        int quiet = 0;
        for (int i = 0; i < rows.length; i++) {
            CustomerState state = states.get(i);
            quiet += state.dirty ? 0 : 1;
            decide(ids.get(i), state, rows[i], scores[i], now);
            long next = nextDue(state);
            due.schedule(ids.get(i), state.dueAt, next);
            state.dueAt = next;
            customers.put(ids.get(i), state);
        }
        metrics.rescoringSweep(quiet);
    }

    private double[] score(float[][] rows) {
        if (rows.length == 0) {
            return new double[0];
        }
        long started = System.nanoTime();
        double[] scores = models.churn().score(rows);
        metrics.churnScored(models.churn().name(), models.churn().version(),
                (System.nanoTime() - started) / rows.length, scores);
        return scores;
    }

    /**
     * Given a fresh score: alert decision, profile. The state is the store's live copy, so what can
     * fail (explaining an alert runs the model again) happens before it changes.
     */
    private void decide(String customerId, CustomerState state, float[] features, double score, long now) {
        AlertPolicy.Decision decision = inMinimumHistory(state, settings, now)
                ? null : policy.decide(state.riskLevel, state.lastAlertAt, score, now);
        ChurnAlert alert = decision != null && decision.outcome() == AlertPolicy.Outcome.ALERT
                ? alertOf(customerId, features, score, decision.level(), state.riskLevel, now) : null;
        state.lastScoredAt = now;
        state.lastScore = score;
        state.dirty = false;
        if (decision == null) {
            if (policy.thresholds().levelFor(score, RiskLevel.LOW).compareTo(policy.minLevel()) >= 0) {
                metrics.alertSuppressed("insufficient_history");
            }
        } else {
            state.riskLevel = decision.level();
            if (alert != null) {
                context.forward(new Record<>(customerId, new InsightOutput.Alert(alert), now));
                state.lastAlertAt = now;
                metrics.alertEmitted(decision.level().wireName());
            } else if (decision.outcome() == AlertPolicy.Outcome.SUPPRESSED) {
                metrics.alertSuppressed("cooldown");
            }
        }
        CustomerProfile profile = profileOf(customerId, state, features, settings, models.churn().version());
        long hash = contentHash(profile);
        if (hash == state.profileHash) {
            state.profilePending = false;
            metrics.profileUpdate("unchanged");
        } else if (state.lastProfileAt == Long.MIN_VALUE
                || now - state.lastProfileAt >= settings.minRescoreInterval().toMillis()) {
            context.forward(new Record<>(customerId, new InsightOutput.Profile(profile), now));
            state.lastProfileAt = now;
            state.profileHash = hash;
            state.profilePending = false;
            metrics.profileUpdate("published");
        } else {
            state.profilePending = true;
            metrics.profileUpdate("rate_limited");
        }
    }

    /**
     * Too little history to judge: the alerting level stays LOW so that the customer still "enters" a higher
     * level, and alerts, once the history is long enough; meanwhile the profile shows the model's own level.
     */
    private static boolean inMinimumHistory(CustomerState state, PipelineSettings settings, long now) {
        return now - state.activity.firstSeen() < settings.minHistory().toMillis();
    }

    /** The profile of a scored customer as of its last scoring; shared by the output topic and live queries. */
    static CustomerProfile profileOf(String customerId, CustomerState state, float[] features,
                                     PipelineSettings settings, String modelVersion) {
        RiskLevel shown = inMinimumHistory(state, settings, state.lastScoredAt)
                ? settings.alertPolicy().thresholds().levelFor(state.lastScore, RiskLevel.LOW)
                : state.riskLevel;
        return ProfileBuilder.build(customerId, state.lastScoredAt, state.activity, features, state.lastScore, shown,
                modelVersion);
    }

    /**
     * A hash of what a profile reader acts on, stable across restarts (enum hash codes are not). Left out, so
     * that the mere passage of time does not republish every quiet customer: the timestamp, the days since
     * the last event (readers have {@code lastActivityAt}) and score moves below 0.01.
     */
    private static long contentHash(CustomerProfile p) {
        int summary = 0;
        for (Map.Entry<String, Float> e : p.summary().entrySet()) {
            if (!e.getKey().equals(ProfileBuilder.RECENCY_FEATURE)) {
                summary = 31 * summary + e.hashCode();
            }
        }
        return java.util.Objects.hash(p.firstSeenAt(), p.lastActivityAt(), p.lastPurchaseAt(), p.segment(),
                Math.round(p.churnScore() * 100), p.riskLevel().ordinal(), p.modelVersion(), p.sentiment(), summary);
    }

    private ChurnAlert alertOf(String customerId, float[] features, double score, RiskLevel level, RiskLevel previous,
                               long now) {
        String reason = level.above(previous) ? "risk_increased" : "cooldown_elapsed";
        return new ChurnAlert(customerId + ":" + level.wireName() + ":" + now, customerId,
                Math.round(score * 10_000) / 10_000.0, level, previous, reason, models.churn().name(),
                models.churn().version(), now, models.explainer().explain(features, settings.topFactors()));
    }

    private long nextDue(CustomerState state) {
        long minInterval = settings.minRescoreInterval().toMillis();
        long next = state.lastScoredAt + settings.inactivityRescore().toMillis();
        if (state.dirty) {
            next = Math.min(next, state.lastScoredAt + minInterval);
        }
        if (state.profilePending) {
            next = Math.min(next, state.lastProfileAt + minInterval);
        }
        return next;
    }
}
