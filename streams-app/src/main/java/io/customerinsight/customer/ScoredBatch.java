package io.customerinsight.customer;

import io.customerinsight.profiles.CustomerProfile;

import java.util.ArrayList;
import java.util.List;

/**
 * The snapshots waiting for the model, scored with one batched call (ONNX Runtime's per-call overhead is many
 * times the cost of a row), indexed in the order they were taken. A lapsed customer's features are not the
 * model's to judge: their snapshot gets no model row, so no drift and no shadow score either, and its score
 * is NaN.
 */
final class ScoredBatch {
    private final int[] rowOf;
    private final double[] scores;
    private final RuntimeException[] failures;
    private final double[] shadowScores;
    private final CustomerProfile.Cluster[] clusters;

    private ScoredBatch(int[] rowOf, double[] scores, RuntimeException[] failures, double[] shadowScores,
                        CustomerProfile.Cluster[] clusters) {
        this.rowOf = rowOf;
        this.scores = scores;
        this.failures = failures;
        this.shadowScores = shadowScores;
        this.clusters = clusters;
    }

    static ScoredBatch score(TaskModels models, List<Snapshot> snapshots) {
        int[] rowOf = new int[snapshots.size()];
        List<float[]> judged = new ArrayList<>(snapshots.size());
        for (int i = 0; i < rowOf.length; i++) {
            Snapshot s = snapshots.get(i);
            boolean lapsed = models.alerts().lapsedSince(s.lastActivity(), s.asOf()) != null;
            rowOf[i] = lapsed ? -1 : judged.size();
            if (!lapsed) {
                judged.add(s.features());
            }
        }
        float[][] rows = judged.toArray(new float[0][]);
        RuntimeException[] failures = new RuntimeException[rows.length];
        double[] scores = models.scoring().score(rows, failures);
        return new ScoredBatch(rowOf, scores, failures, models.shadowScores(rows),
                models.profiles().clusters(snapshots));
    }

    /** the churn score of the i-th snapshot, NaN for a lapsed customer */
    double score(int i) {
        int row = rowOf[i];
        return row < 0 ? Double.NaN : scores[row];
    }

    /** why the i-th snapshot could not be scored, or null */
    RuntimeException failure(int i) {
        int row = rowOf[i];
        return row < 0 ? null : failures[row];
    }

    /** whether a challenger scored the i-th snapshot */
    boolean hasShadowScore(int i) {
        return shadowScores != null && rowOf[i] >= 0;
    }

    double shadowScore(int i) {
        return shadowScores[rowOf[i]];
    }

    CustomerProfile.Cluster cluster(int i) {
        return clusters[i];
    }
}
