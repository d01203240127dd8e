package io.customerinsight.customer;

import io.customerinsight.drift.DriftMonitor;
import io.customerinsight.ops.InsightMetrics;
import io.customerinsight.scoring.ChurnScorer;

import java.util.Arrays;

/**
 * One batched call of the churn model, timed per row and counted for drift monitoring. When the batch
 * fails, each row is scored alone, so that one customer whose features break the model costs only itself:
 * its score is NaN and its failure is kept for the dead letter.
 */
final class ChurnScoring {
    private final ChurnScorer model;
    private final InsightMetrics metrics;
    private final DriftMonitor drift;
    private final int maxRowsPerCall;

    /** @param drift where scored feature vectors are counted, or null */
    ChurnScoring(ChurnScorer model, InsightMetrics metrics, DriftMonitor drift, int maxRowsPerCall) {
        this.model = model;
        this.metrics = metrics;
        this.drift = drift;
        this.maxRowsPerCall = maxRowsPerCall;
    }

    /**
     * Scores in model calls of at most the configured rows; a row that fails alone gets NaN and its exception
     * in {@code failures} (same index).
     */
    double[] score(float[][] rows, RuntimeException[] failures) {
        if (rows.length <= maxRowsPerCall) {
            return scoreCall(rows, failures);
        }
        double[] scores = new double[rows.length];
        for (int from = 0; from < rows.length; from += maxRowsPerCall) {
            int to = Math.min(rows.length, from + maxRowsPerCall);
            RuntimeException[] part = new RuntimeException[to - from];
            System.arraycopy(scoreCall(Arrays.copyOfRange(rows, from, to), part), 0, scores, from, to - from);
            System.arraycopy(part, 0, failures, from, to - from);
        }
        return scores;
    }

    private double[] scoreCall(float[][] rows, RuntimeException[] failures) {
        try {
            return scoreBatch(rows);
        } catch (RuntimeException batchFailed) {
            double[] scores = new double[rows.length];
            for (int i = 0; i < rows.length; i++) {
                try {
                    scores[i] = scoreBatch(new float[][] {rows[i]})[0];
                } catch (RuntimeException rowFailed) {
                    scores[i] = Double.NaN;
                    failures[i] = rowFailed;
                }
            }
            return scores;
        }
    }

    String modelName() {
        return model.name();
    }

    String modelVersion() {
        return model.version();
    }

    private double[] scoreBatch(float[][] rows) {
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
