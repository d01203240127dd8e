package io.customerinsight.scoring;

import io.customerinsight.events.WholeNumbers;
import io.customerinsight.features.FeatureSchema;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Explains a churn score by occlusion: each feature in turn is replaced by its typical (median) training
 * value from the model card, and the drop in probability is that feature's contribution. It works for any
 * model behind {@link ChurnScorer}, costs one batched call of n+1 rows, and runs only when an alert fires.
 */
public final class ChurnExplainer {
    private final ChurnScorer scorer;
    private final float[] baseline;

    public ChurnExplainer(ChurnScorer scorer, float[] baseline) {
        if (baseline.length != FeatureSchema.size()) {
            throw new IllegalArgumentException("baseline has " + baseline.length + " values, schema has "
                    + FeatureSchema.size());
        }
        this.scorer = scorer;
        this.baseline = baseline.clone();
    }

    public List<TopFactor> explain(float[] features, int top) {
        int n = features.length;
        List<Integer> changed = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (features[i] != baseline[i]) {
                changed.add(i);
            }
        }
        float[][] rows = new float[changed.size() + 1][];
        rows[0] = features;
        for (int r = 0; r < changed.size(); r++) {
            rows[r + 1] = features.clone();
            rows[r + 1][changed.get(r)] = baseline[changed.get(r)];
        }
        double[] scores = scorer.score(rows);
        List<TopFactor> factors = new ArrayList<>();
        for (int r = 0; r < changed.size(); r++) {
            int i = changed.get(r);
            double contribution = scores[0] - scores[r + 1];
            if (contribution > 0) {
                FeatureSchema.Feature f = FeatureSchema.FEATURES.get(i);
                factors.add(new TopFactor(f.name(), f.description(), WholeNumbers.asWritten(features[i]),
                        WholeNumbers.asWritten(baseline[i]), round(contribution)));
            }
        }
        factors.sort(Comparator.comparingDouble(TopFactor::contribution).reversed());
        return factors.size() > top ? List.copyOf(factors.subList(0, top)) : List.copyOf(factors);
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
