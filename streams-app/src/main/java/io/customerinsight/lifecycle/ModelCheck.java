package io.customerinsight.lifecycle;

import io.customerinsight.alerts.AlertPolicy;
import io.customerinsight.config.InsightConfig;
import io.customerinsight.scoring.ChurnScorer;
import io.customerinsight.scoring.ModelLoader;
import io.customerinsight.scoring.ScoringModels;
import io.customerinsight.shadow.ShadowScoring;

import java.util.List;

/**
 * What a set of models must pass before it scores live traffic, beyond the checks of loading (checksums,
 * feature schema, encoder pairing): thresholds the alert policy can use, and one scoring by every model.
 */
public final class ModelCheck {
    private ModelCheck() {
    }

    /** @throws RuntimeException naming what failed */
    public static void verify(ScoringModels models, InsightConfig config) {
        AlertPolicy.from(config, models.churn().card());
        float[] baseline = scoreBaseline(models.churn(), "churn model");
        models.explainer().explain(baseline, 1);
        if (models.segments() != null) {
            models.segments().assign(new float[][] {baseline});
        }
        models.sentiment().score(List.of("fine", "还行"), List.of("en", "zh"));
    }

    /** The same for a challenger: one scoring of its card's baseline. */
    public static void verify(ShadowScoring.Challenger challenger) {
        if (challenger == null) {
            return;
        }
        scoreBaseline(challenger.scorer(), "challenger");
    }

    /** Scores the card's baseline row, which must give a probability; returns the row. */
    private static float[] scoreBaseline(ChurnScorer scorer, String role) {
        float[] baseline = ModelLoader.baseline(scorer.card());
        double score = scorer.score(new float[][] {baseline})[0];
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalStateException(role + " " + scorer.name() + " " + scorer.version()
                    + " scored its card's baseline " + score + ", not a probability");
        }
        return baseline;
    }
}
