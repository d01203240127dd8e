package io.customerinsight.testing;

import io.customerinsight.features.FeatureSchema;
import io.customerinsight.scoring.ChurnScorer;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A transparent stand-in for the ONNX churn model in topology tests, where the model is not the subject:
 * risk grows with silence, support contacts and negative feedback, and falls with recent sessions.
 */
public final class RuleBasedChurnScorer implements ChurnScorer {
    private static final int SILENCE = FeatureSchema.indexOf("days_since_last_event");
    private static final int SUPPORT = FeatureSchema.indexOf("support_contacts_7d");
    private static final int NEGATIVE = FeatureSchema.indexOf("negative_feedback_30d");
    private static final int SESSIONS = FeatureSchema.indexOf("sessions_7d");

    /** the number of rows of every call, in order */
    public final List<Integer> calls = new CopyOnWriteArrayList<>();
    /** a call with a row this matches fails, as a broken model or a poisoned feature vector would */
    public volatile Predicate<float[]> failWhen = row -> false;
    private final String version;

    public RuleBasedChurnScorer() {
        this("test");
    }

    /** @param version the version its scorings carry, to tell models apart across a reload */
    public RuleBasedChurnScorer(String version) {
        this.version = version;
    }

    @Override
    public String name() {
        return "rule-based-test-churn";
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public double[] score(float[][] rows) {
        calls.add(rows.length);
        for (float[] row : rows) {
            if (failWhen.test(row)) {
                throw new IllegalStateException("injected scoring failure");
            }
        }
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            float[] f = rows[i];
            double z = -3 + 0.35 * f[SILENCE] + 1.2 * f[SUPPORT] + 1.5 * f[NEGATIVE] - 0.2 * f[SESSIONS];
            out[i] = 1 / (1 + Math.exp(-z));
        }
        return out;
    }
}
