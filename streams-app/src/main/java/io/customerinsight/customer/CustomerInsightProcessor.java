package io.customerinsight.customer;

import io.customerinsight.alerts.ChurnAlert;
import io.customerinsight.events.ClickEvent;
import io.customerinsight.events.CustomerErasure;
import io.customerinsight.events.CustomerEvent;
import io.customerinsight.events.DeadLetterReason;
import io.customerinsight.events.EventType;
import io.customerinsight.events.InvalidEventException;
import io.customerinsight.events.ScoredFeedback;
import io.customerinsight.features.CustomerActivity;
import io.customerinsight.features.FeatureExtractor;
import io.customerinsight.ops.InsightMetrics;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The per-customer stage as a Kafka Streams processor: folds each event into the customer's state, lets
 * the {@link ScoringScheduler} set each customer's scoring points in event time, takes a {@link Snapshot}
 * of the features when stream time reaches a point (before any later event is folded), scores the
 * snapshots in batches ({@link ScoredBatch}), and sends on ({@link CustomerOutputs}) what the
 * {@link AlertDecider} and the {@link ProfilePublisher} make of each score. Outputs carry the time of their
 * scoring point.
 */
final class CustomerInsightProcessor implements Processor<String, CustomerEvent, String, InsightOutput> {
    private static final Logger log = LoggerFactory.getLogger(CustomerInsightProcessor.class);

    /** Kafka Streams names a repartition topic {@code <application.id>-<name>-repartition} */
    private static final String REKEYED_TOPIC_SUFFIX = "-" + CustomerStage.REKEYED + "-repartition";
    /** more snapshots of one customer wait for a model call only after the ones it has are scored */
    private static final int MAX_PENDING_PER_CUSTOMER = 4;

    private final CustomerStage stage;
    private final double urgentSentiment;
    private final Duration scoringMaxDelay;
    private final int scoringBatch;
    private final long scoringMaxLag;
    private final ScoringScheduler scheduler;
    private final InsightMetrics metrics;
    private final AlertOutcomes outcomes;
    /** the models this task scores with */
    private TaskModels models;
    private ProcessorContext<String, InsightOutput> context;
    private KeyValueStore<String, CustomerState> customers;
    private CustomerOutputs outputs;
    private final WaitingSnapshots waiting = new WaitingSnapshots();
    private long lastRecordWallClock;
    /** the source topic of the last record and whether it is the repartition topic ({@link #rekeyed()}) */
    private String lastTopic;
    private boolean lastTopicRekeyed;

    CustomerInsightProcessor(CustomerStage stage, ScoringScheduler scheduler, InsightMetrics metrics) {
        this.stage = stage;
        this.urgentSentiment = stage.config().urgentSentiment();
        this.scoringMaxDelay = stage.config().scoringMaxDelay();
        this.scoringBatch = stage.config().scoringBatch();
        this.scoringMaxLag = stage.config().scoringMaxLag().toMillis();
        this.scheduler = scheduler;
        this.metrics = metrics;
        this.outcomes = new AlertOutcomes(metrics);
    }

    @Override
    public void init(ProcessorContext<String, InsightOutput> context) {
        this.context = context;
        models = new TaskModels(stage, metrics);
        this.customers = context.getStateStore(CustomerStage.STORE);
        outputs = new CustomerOutputs(context, customers, stage.config().profileCoalesce(), models, outcomes, metrics);
        waiting.clear();
        List<String> withPending = new ArrayList<>();
        scheduler.rebuild(customers, withPending);
        for (String customerId : withPending) {
            waiting.restored(customerId, customers.get(customerId).pending.size());
        }
        context.schedule(scoringMaxDelay, PunctuationType.WALL_CLOCK_TIME, this::onWallClock);
    }

    @Override
    public void close() {
        if (models != null) {
            models.release();
            models = null;
        }
        scheduler.clear();
        if (outputs != null) {
            outputs.discardHeld();
        }
        waiting.clear();
    }

    @Override
    public void process(Record<String, CustomerEvent> record) {
        CustomerEvent event = record.value();
        lastRecordWallClock = context.currentSystemTimeMs();
        if (event instanceof CustomerErasure) {
            erase(record.key(), record.timestamp());
            return;
        }
        long streamTime = Math.max(context.currentStreamTimeMs(), event.timestamp());
        // a record of a later time than a customer's scoring point: its snapshot is taken before the fold
        snapshotDue(streamTime - 1, streamTime);
        // lateness was checked at intake: a late event lands in the buckets its time falls in
        String customerId = record.key();
        CustomerState state = customers.get(customerId);
        if (state == null) {
            state = new CustomerState(new CustomerActivity());
        } else if (!state.activity.canHold(event.timestamp())) {
            throw new InvalidEventException(DeadLetterReason.LATE_EVENT, "event is older than anything the "
                    + "customer's state holds (32 days before its latest activity)");
        }
        if (!state.delivered.firstDelivery(event)) {
            metrics.duplicateDropped(event instanceof ClickEvent ? "clickstream" : "feedback");
            return;
        }
        if (event.timestamp() < state.snapshotAt) {
            metrics.eventOutOfOrder(event instanceof ClickEvent ? "clickstream" : "feedback");
        }
        outputs.outcomes(customerId, outcomes.expired(customerId, state, event.timestamp() - 1));
        outputs.outcomes(customerId, outcomes.onEvent(customerId, state, event));
        long latestBefore = state.activity.lastActivity();
        // a risk signal sets the customer's scoring point at once
        boolean urgent;
        if (event instanceof ClickEvent click) {
            state.activity.apply(click);
            EventType type = click.eventType();
            urgent = type == EventType.SUPPORT_CONTACT || type == EventType.SUBSCRIPTION_CANCEL;
            if (type == EventType.SUBSCRIPTION_CANCEL) {
                if (state.cancelled()) {
                    metrics.alertSuppressed("already_cancelled"); // a second cancel of one departure
                } else {
                    alertCancellation(customerId, state, click.timestamp(), streamTime);
                }
            } else if (type.comesBack()) {
                state.usedShopAt(click.timestamp());
            }
        } else {
            ScoredFeedback feedback = (ScoredFeedback) event;
            state.activity.apply(feedback);
            urgent = feedback.sentiment() <= urgentSentiment;
            outputs.feedback(record, feedback);
        }
        if (event.timestamp() > latestBefore) {
            state.riskSignalLast = urgent;
        } else if (event.timestamp() == latestBefore) {
            state.riskSignalLast |= urgent;
        }
        metrics.featureUpdate();
        state.dirty = true;
        scheduler.onActivity(customerId, state, urgent, event.timestamp(),
                rekeyed() ? state.activity.lastActivity() : streamTime);
        customers.put(customerId, state);
        if (waiting.batchDue(scoringBatch, streamTime, scoringMaxLag)) {
            scorePending(streamTime);
        }
    }

    /**
     * Whether the record being processed came through the repartition topic (it had another key). A task reads
     * three topics, so the answer is kept per topic name instead of comparing strings on every record.
     */
    private boolean rekeyed() {
        String topic = context.recordMetadata().map(RecordMetadata::topic).orElse(null);
        if (topic != lastTopic) {
            lastTopic = topic;
            lastTopicRekeyed = topic != null && topic.endsWith(REKEYED_TOPIC_SUFFIX);
        }
        return lastTopicRekeyed;
    }

    /**
     * Every wall-clock interval the snapshots taken so far are scored. When the task has had no record for a
     * whole interval, customers due at the current stream time need not wait for a later record.
     */
    private void onWallClock(long wallClock) {
        long streamTime = context.currentStreamTimeMs();
        if (wallClock - lastRecordWallClock >= scoringMaxDelay.toMillis() && streamTime >= 0) {
            snapshotDue(streamTime, streamTime);
        }
        if (!waiting.isEmpty()) {
            scorePending(streamTime);
        }
    }

    /**
     * Takes a snapshot of every customer whose scoring point is at or before {@code time}; a customer due
     * again within it (an owed profile, a long silence) gets the next one too.
     */
    private void snapshotDue(long time, long streamTime) {
        while (scheduler.anyDueBy(time)) {
            int quiet = 0;
            for (ScoringScheduler.Due due : scheduler.takeDue(time, customers, outputs::forget)) {
                CustomerState state = due.state();
                if (state.pending.size() >= MAX_PENDING_PER_CUSTOMER) {
                    scorePending(streamTime);
                    state = customers.get(due.customerId());
                }
                long at = state.dueAt;
                outputs.outcomes(due.customerId(), outcomes.expired(due.customerId(), state, at));
                quiet += state.dirty ? 0 : 1;
                // a point taken again with a late event replaces its snapshot if that still waits
                boolean retaken = !state.pending.isEmpty() && state.pending.get(state.pending.size() - 1).asOf() == at;
                if (retaken) {
                    state.pending.remove(state.pending.size() - 1);
                }
                boolean visitStart = at == state.activity.lastActivity() && !state.riskSignalLast;
                state.pending.add(Snapshot.of(state.activity, at, models.profiles().claimSlot(state, at),
                        models.value(), models.alerts().productsForSuggestions(), visitStart));
                state.snapshotAt = at;
                state.dirty = false;
                scheduler.snapshotted(due.customerId(), state);
                customers.put(due.customerId(), state);
                if (!retaken) {
                    waiting.taken(due.customerId(), at);
                }
            }
            metrics.rescoringSweep(quiet);
        }
    }

    /**
     * Erases a customer on request: the state (and so its changelog record), any snapshot waiting for the
     * model, the scoring point and any profile held for the commit. The tombstone goes out even for a customer
     * this task does not hold, so that the profile topic forgets them whatever happened before.
     */
    private void erase(String customerId, long at) {
        CustomerState state = customers.get(customerId);
        if (state != null) {
            waiting.forget(customerId, state.pending.size());
            state.pending.clear();
            scheduler.erased(customerId, state);
            customers.delete(customerId);
        }
        outputs.forget(customerId, at);
        metrics.customerErased();
    }

    /**
     * A cancellation is alerted at once, scored alone as of the cancel's time, after the customer's own
     * snapshots taken before it (other customers' wait for their batch).
     */
    private void alertCancellation(String customerId, CustomerState state, long at, long streamTime) {
        if (!state.pending.isEmpty()) {
            scorePending(streamTime); // the store hands out the one decoded state: this one is updated
        }
        models.useLatest(context.taskId(), streamTime);
        float[][] row = {FeatureExtractor.extract(state.activity, at)};
        RuntimeException[] failure = new RuntimeException[1];
        double score = models.scoring().score(row, failure)[0];
        ChurnAlert alert = models.alerts().cancelled(customerId, state, row[0], score, at,
                models.value() == null ? null : models.value().estimate(state.activity.purchaseDays(), at),
                state.activity.recentProducts(models.alerts().productsForSuggestions(), at),
                state.activity.complaintAspects(at));
        outputs.alert(customerId, alert, at);
    }

    /** Scores every snapshot taken so far in one batch and decides on each, in the order they were taken. */
    void scorePending(long streamTime) {
        models.useLatest(context.taskId(), streamTime);
        List<Snapshot> snapshots = new ArrayList<>(waiting.rows());
        List<String> ids = waiting.takeAll();
        List<CustomerState> states = new ArrayList<>(ids.size());
        for (String customerId : ids) {
            CustomerState state = customers.get(customerId);
            states.add(state);
            snapshots.addAll(state.pending);
        }
        ScoredBatch batch = ScoredBatch.score(models, snapshots);
        int taken = 0;
        for (int i = 0; i < ids.size(); i++) {
            String customerId = ids.get(i);
            CustomerState state = states.get(i);
            for (Snapshot snapshot : state.pending) {
                try {
                    if (batch.failure(taken) != null) {
                        throw batch.failure(taken);
                    }
                    outputs.decided(customerId, state, snapshot, batch.score(taken), batch.cluster(taken));
                    if (batch.hasShadowScore(taken)) {
                        outputs.shadow(customerId, snapshot.asOf(), batch.score(taken), batch.shadowScore(taken));
                    }
                } catch (RuntimeException e) {
                    failed(customerId, state, e, snapshot.asOf(), streamTime);
                }
                taken++;
            }
            state.pending.clear();
            customers.put(customerId, state);
        }
    }

    /**
     * A customer whose scoring failed: dead-lettered with its id, the model and the reason (there is no
     * source record), and retried later; the other customers go on.
     */
    private void failed(String customerId, CustomerState state, RuntimeException e, long asOf, long streamTime) {
        log.warn("scoring customer failed for a snapshot as of {}; dead-lettered and retried later", asOf, e);
        outputs.scoringFailed(customerId, e, asOf);
        state.dirty = true;
        scheduler.retryLater(customerId, state, streamTime);
    }
}
