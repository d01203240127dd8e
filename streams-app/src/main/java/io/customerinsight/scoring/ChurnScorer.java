package io.customerinsight.scoring;

/** Churn probability for feature vectors of {@link io.customerinsight.features.FeatureSchema}. */
public interface ChurnScorer extends AutoCloseable {
    String name();

    String version();

    /** The card of the model, or null for a scorer without one (tests). */
    default ModelCard card() {
        return null;
    }

    /** One probability in [0, 1] per row. */
    double[] score(float[][] rows);

    default double score(float[] row) {
        return score(new float[][] {row})[0];
    }

    @Override
    default void close() {
    }
}
