package io.customerinsight.customer;

import io.customerinsight.drift.DriftMonitor;
import io.customerinsight.ops.InsightMetrics;
import io.customerinsight.scoring.ChurnScorer;

/** One batched call of the churn model, timed per row and counted for drift monitoring. */
final class ChurnScoring {
    private final ChurnScorer model;
    private final InsightMetrics metrics;
    private final DriftMonitor drift;

    /** @param drift where scored feature vectors are counted, or null */
    ChurnScoring(ChurnScorer model, InsightMetrics metrics, DriftMonitor drift) {
        this.model = model;
        this.metrics = metrics;
        this.drift = drift;
    }

    double[] score(float[][] rows) {
        if (rows.length == 0) {
            return new double[0];
        }
        long started = System.nanoTime();
        double[] scores = model.score(rows);
        metrics.churnScored(model.name(), model.version(), (System.nanoTime() - started) / rows.length, scores);
        if (drift != null) {
            drift.observe(rows, scores);
        }
        return scores;
    }
}
