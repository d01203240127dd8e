package io.customerinsight.lifecycle;

import io.customerinsight.alerts.RiskThresholds;
import io.customerinsight.scoring.ModelLoadException;
import io.customerinsight.scoring.ModelSource;
import io.customerinsight.scoring.OnnxChurnScorer;
import io.customerinsight.shadow.ShadowComparison;
import io.customerinsight.shadow.ShadowScoring;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Map;

/**
 * The challenger churn model: a churn model under {@code challenger/churn/} of the model directory, scored in
 * shadow beside the champion ({@code churn/}). Promoting it is copying its files over the champion's.
 */
public final class Challengers {
    public static final String CARD = "challenger/churn/card.json";

    private Challengers() {
    }

    /** The challenger of the model directory, with the checks of any churn model, or null when it has none. */
    public static ShadowScoring.Challenger load(ModelSource source, MeterRegistry registry) {
        OnnxChurnScorer scorer = scorer(source);
        return scorer == null ? null : challenger(scorer, registry);
    }

    /** The challenger's model alone, checked, or null when the directory has none. */
    static OnnxChurnScorer scorer(ModelSource source) {
        if (!source.exists(CARD)) {
            return null;
        }
        OnnxChurnScorer scorer = new OnnxChurnScorer(source.load(CARD));
        Map<String, Double> thresholds = scorer.card().thresholds();
        if (thresholds == null || thresholds.get("medium") == null || thresholds.get("high") == null) {
            scorer.close();
            throw new ModelLoadException("the challenger's card " + scorer.name() + " " + scorer.version()
                    + " gives no thresholds.medium and thresholds.high, which its levels need");
        }
        return scorer;
    }

    /** The challenger with its thresholds and its comparison meters (registered here). */
    static ShadowScoring.Challenger challenger(OnnxChurnScorer scorer, MeterRegistry registry) {
        Map<String, Double> thresholds = scorer.card().thresholds();
        return new ShadowScoring.Challenger(scorer, new RiskThresholds(thresholds.get("medium"),
                thresholds.get("high"), 0), new ShadowComparison(registry, scorer.version()));
    }

    static SharedPart<ShadowScoring.Challenger> part(ShadowScoring.Challenger challenger) {
        return new SharedPart<>(challenger, () -> {
            if (challenger != null) {
                challenger.scorer().close();
                challenger.comparison().close();
            }
        });
    }
}
