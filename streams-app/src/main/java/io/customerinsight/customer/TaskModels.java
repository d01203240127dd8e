package io.customerinsight.customer;

import io.customerinsight.lifecycle.ModelGeneration;
import io.customerinsight.ops.InsightMetrics;
import io.customerinsight.outcomes.OutcomeLabel;
import io.customerinsight.shadow.ShadowScoring;
import io.customerinsight.value.ValueModel;
import org.apache.kafka.streams.processor.TaskId;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;

/**
 * The generation of models one task scores with, and the collaborators built from it. The task holds the
 * generation until it moves to a newer one, between two scoring batches, or closes.
 */
final class TaskModels {
    private static final Logger log = LoggerFactory.getLogger(TaskModels.class);

    private final CustomerStage stage;
    private final InsightMetrics metrics;
    private ModelGeneration generation;
    private CustomerStage.ScoringWith with;
    /** what churn means for the alerting model (its card's label), for the outcomes of its alerts */
    private OutcomeLabel outcomeLabel;

    TaskModels(CustomerStage stage, InsightMetrics metrics) {
        this.stage = stage;
        this.metrics = metrics;
        use(stage.models().acquire());
    }

    private void use(ModelGeneration models) {
        generation = models;
        with = stage.scoringWith(models);
        outcomeLabel = OutcomeLabel.of(models.churn().card());
    }

    /**
     * Between two batches, moves to the live generation if hot reload installed a newer one. Every scoring of
     * the batch (and the outputs it makes) is by the new models; the event time where the task switched is logged.
     */
    void useLatest(TaskId task, long streamTime) {
        if (stage.models().current() == generation) {
            return;
        }
        ModelGeneration previous = generation;
        use(stage.models().acquire());
        previous.release();
        metrics.modelSwitch(generation.number());
        log.info("task {} scores with model generation {} (churn {} {}) from event time {}", task,
                generation.number(), generation.churn().name(), generation.churn().version(),
                Instant.ofEpochMilli(streamTime));
    }

    ChurnScoring scoring() {
        return with.scoring();
    }

    AlertDecider alerts() {
        return with.alerts();
    }

    ProfilePublisher profiles() {
        return with.profiles();
    }

    /** the customer value model, or null for none */
    ValueModel value() {
        return generation.value();
    }

    OutcomeLabel outcomeLabel() {
        return outcomeLabel;
    }

    /** the challenger scoring in shadow, or null */
    ShadowScoring shadow() {
        return with.shadow();
    }

    /** The challenger's scores of a batch, or null without a challenger or when it failed (counted, logged). */
    double[] shadowScores(float[][] rows) {
        ShadowScoring shadow = with.shadow();
        if (shadow == null || rows.length == 0) {
            return null;
        }
        try {
            return shadow.score(rows);
        } catch (RuntimeException e) {
            metrics.shadowFailure();
            log.warn("the challenger failed on a batch of {} scorings; the champion's decisions stand", rows.length, e);
            return null;
        }
    }

    void release() {
        generation.release();
    }
}
