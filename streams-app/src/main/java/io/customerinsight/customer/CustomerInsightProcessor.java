package io.customerinsight.customer;

import io.customerinsight.alerts.ChurnAlert;
import io.customerinsight.deadletter.DeadLetterRecords;
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
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;

/**
 * The per-customer stage as a Kafka Streams processor: folds each event into the customer's state, lets
 * the {@link ScoringScheduler} decide when customers are scored, scores them in batches
 * ({@link ChurnScoring}), and forwards what the {@link AlertDecider} and the {@link ProfilePublisher}
 * make of each score.
 */
final class CustomerInsightProcessor implements Processor<String, CustomerEvent, String, InsightOutput> {
    private static final Logger log = LoggerFactory.getLogger(CustomerInsightProcessor.class);

    private final double urgentSentiment;
    private final Duration scoringMaxDelay;
    private final ScoringScheduler scheduler;
    private final ChurnScoring scoring;
    private final AlertDecider alerts;
    private final ProfilePublisher profiles;
    private final InsightMetrics metrics;
    private ProcessorContext<String, InsightOutput> context;
    private KeyValueStore<String, CustomerState> customers;

    CustomerInsightProcessor(CustomerStage stage, ScoringScheduler scheduler, ChurnScoring scoring,
                             AlertDecider alerts, ProfilePublisher profiles, InsightMetrics metrics) {
        this.urgentSentiment = stage.config().urgentSentiment();
        this.scoringMaxDelay = stage.config().scoringMaxDelay();
        this.scheduler = scheduler;
        this.scoring = scoring;
        this.alerts = alerts;
        this.profiles = profiles;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, InsightOutput> context) {
        this.context = context;
        this.customers = context.getStateStore(CustomerStage.STORE);
        scheduler.rebuild(customers);
        // a wall-clock punctuator serves activity and silence alike (stream time only moves with records); a
        // sweep per stream-time interval scored a handful of customers per model call when a backlog was
        // replayed, so stream time triggers a sweep only past the maximum lag (in process)
        context.schedule(scoringMaxDelay, PunctuationType.WALL_CLOCK_TIME, wallClock -> {
            long now = context.currentStreamTimeMs();
            if (scheduler.anyDue(now)) {
                sweep(now);
            }
        });
    }

    @Override
    public void close() {
        scheduler.clear();
    }

    @Override
    public void process(Record<String, CustomerEvent> record) {
        CustomerEvent event = record.value();
        // lateness was checked at intake: a late event lands in the buckets its time falls in
        long streamTime = Math.max(context.currentStreamTimeMs(), event.timestamp());
        String customerId = record.key();
        CustomerState state = customers.get(customerId);
        if (state == null) {
            state = new CustomerState(new CustomerActivity());
        } else if (!state.activity.canHold(event.timestamp())) {
            throw new InvalidEventException(DeadLetterReason.LATE_EVENT, "event is older than anything the "
                    + "customer's state holds (32 days before its latest activity)");
        }
        // a risk signal makes the customer due at once
        boolean urgent;
        if (event instanceof ClickEvent click) {
            state.activity.apply(click);
            EventType type = click.eventType();
            urgent = type == EventType.SUPPORT_CONTACT || type == EventType.SUBSCRIPTION_CANCEL;
            if (type == EventType.SUBSCRIPTION_CANCEL) {
                alertCancellation(customerId, state, click.timestamp());
            }
        } else {
            ScoredFeedback feedback = (ScoredFeedback) event;
            state.activity.apply(feedback);
            urgent = feedback.sentiment() <= urgentSentiment;
            context.forward(record.withValue(new InsightOutput.Feedback(feedback)));
        }
        metrics.featureUpdate();
        state.dirty = true;
        boolean sweepNow = scheduler.onActivity(customerId, state, urgent, streamTime);
        customers.put(customerId, state);
        if (sweepNow) {
            sweep(streamTime);
        }
    }

    /** A cancellation is alerted at once, scored alone as of the cancel's time. */
    private void alertCancellation(String customerId, CustomerState state, long at) {
        float[][] row = {FeatureExtractor.extract(state.activity, at)};
        RuntimeException[] failure = new RuntimeException[1];
        double score = scoring.score(row, failure)[0];
        ChurnAlert alert = alerts.cancelled(customerId, state, row[0], score, at);
        context.forward(new Record<>(customerId, new InsightOutput.Alert(alert), at));
    }

    /**
     * Scores every customer whose due time has come with one batched model call: ONNX Runtime's per-call
     * overhead is many times the cost of a row.
     */
    void sweep(long now) {
        List<ScoringScheduler.Due> due = scheduler.takeDue(now, customers);
        float[][] rows = new float[due.size()][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = FeatureExtractor.extract(due.get(i).state().activity, now);
        }
        RuntimeException[] failures = new RuntimeException[rows.length];
        double[] scores = scoring.score(rows, failures);
        int quiet = 0;
        for (int i = 0; i < rows.length; i++) {
            String customerId = due.get(i).customerId();
            CustomerState state = due.get(i).state();
            quiet += state.dirty ? 0 : 1;
            try {
                if (failures[i] != null) {
                    throw failures[i];
                }
                decideAndPublish(customerId, state, rows[i], scores[i], now);
                scheduler.scored(customerId, state);
            } catch (RuntimeException e) {
                failed(customerId, state, e, now);
            }
            customers.put(customerId, state);
        }
        metrics.rescoringSweep(quiet);
    }

    private void decideAndPublish(String customerId, CustomerState state, float[] features, double score, long now) {
        ChurnAlert alert = alerts.decide(customerId, state, features, score, now);
        if (alert != null) {
            context.forward(new Record<>(customerId, new InsightOutput.Alert(alert), now));
        }
        CustomerProfile profile = profiles.afterScoring(customerId, state, features, now);
        if (profile != null) {
            context.forward(new Record<>(customerId, new InsightOutput.Profile(profile), now));
        }
    }

    /**
     * A customer whose scoring failed: dead-lettered with its id, the model and the reason (there is no
     * source record), and retried later; the other customers of the sweep go on.
     */
    private void failed(String customerId, CustomerState state, RuntimeException e, long now) {
        log.warn("scoring customer failed in a sweep as of {}; dead-lettered and retried later", now, e);
        ScoringFailure failure = new ScoringFailure(customerId, scoring.modelName(), scoring.modelVersion(),
                DeadLetterReason.SCORING_FAILED.wireName(), e.getClass().getName(), now);
        context.forward(new Record<>(customerId, new InsightOutput.Failure(failure), now,
                DeadLetterRecords.scoringFailure(customerId, scoring.modelVersion(), e, CustomerStage.PROCESSOR)));
        metrics.deadLetterWritten(DeadLetterReason.SCORING_FAILED.wireName());
        scheduler.retryLater(customerId, state, now);
    }
}
