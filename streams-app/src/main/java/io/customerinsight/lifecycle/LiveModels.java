package io.customerinsight.lifecycle;

import io.customerinsight.drift.DriftMonitor;
import io.customerinsight.scoring.ScoringModels;
import io.customerinsight.shadow.ShadowScoring;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The generation of models an instance runs now. Tasks {@link #acquire()} it, compare it with
 * {@link #current()} between batches, and move to a newer one there; {@link ModelReloader} installs new ones.
 */
public final class LiveModels implements AutoCloseable {
    private final AtomicReference<ModelGeneration> current;

    private LiveModels(ModelGeneration first) {
        this.current = new AtomicReference<>(first);
    }

    /** Models that never change (the bundled ones, or tests); closed with this holder. */
    public static LiveModels of(ScoringModels models) {
        return of(models, null);
    }

    /** @param drift the churn model's drift monitor, or null */
    public static LiveModels of(ScoringModels models, DriftMonitor drift) {
        return of(models, drift, null);
    }

    /** @param challenger the churn model scored in shadow, or null */
    public static LiveModels of(ScoringModels models, DriftMonitor drift, ShadowScoring.Challenger challenger) {
        return new LiveModels(new ModelGeneration(1, parts(models, drift, challenger)));
    }

    /**
     * Installs models loaded elsewhere (an application embedding the pipeline, tests) as the next generation,
     * every part new; the models of the previous one are closed when its last task has moved on.
     *
     * @param drift      the churn model's drift monitor, or null
     * @param challenger the churn model scored in shadow, or null
     */
    public synchronized ModelGeneration install(ScoringModels models, DriftMonitor drift,
                                                ShadowScoring.Challenger challenger) {
        ModelGeneration next = new ModelGeneration(current.get().number() + 1, parts(models, drift, challenger));
        install(next);
        return next;
    }

    private static Map<ModelGeneration.Part, SharedPart<?>> parts(ScoringModels models, DriftMonitor drift,
                                                                  ShadowScoring.Challenger challenger) {
        Map<ModelGeneration.Part, SharedPart<?>> parts = new EnumMap<>(ModelGeneration.Part.class);
        parts.put(ModelGeneration.Part.CHURN, new SharedPart<>(
                new ModelGeneration.Churn(models.churn(), models.explainer(), drift), () -> {
                    models.churn().close();
                    if (drift != null) {
                        drift.close();
                    }
                }));
        parts.put(ModelGeneration.Part.SENTIMENT, new SharedPart<>(models.sentiment(), models.sentiment()::close));
        parts.put(ModelGeneration.Part.VALUE, new SharedPart<>(models.value(), () -> { }));
        parts.put(ModelGeneration.Part.SEGMENTS, new SharedPart<>(models.segments(), () -> {
            if (models.segments() != null) {
                models.segments().close();
            }
        }));
        parts.put(ModelGeneration.Part.CHALLENGER, Challengers.part(challenger));
        parts.put(ModelGeneration.Part.SUGGESTIONS, new SharedPart<>(models.suggestions(), () -> { }));
        parts.put(ModelGeneration.Part.TOPICS, new SharedPart<>(models.topics(), () -> {
            if (models.topics() != null) {
                models.topics().close();
            }
        }));
        return parts;
    }

    /** The live generation, not held: to compare with the one a task holds. */
    public ModelGeneration current() {
        return current.get();
    }

    /** The live generation, held until the caller releases it. */
    public ModelGeneration acquire() {
        while (true) {
            ModelGeneration generation = current.get();
            if (generation.tryAcquire()) {
                return generation;
            }
        }
    }

    /** Makes {@code next} the live generation; the previous one is released when its last task moves on. */
    synchronized void install(ModelGeneration next) {
        current.getAndSet(next).release();
    }

    @Override
    public void close() {
        current.get().release();
    }
}
