package io.customerinsight.scoring;

import io.customerinsight.alerts.RiskThresholds;
import io.customerinsight.features.FeatureSchema;

import java.util.Map;

/** Loads and verifies every model a pipeline needs from one model directory (or the bundled defaults). */
public final class ModelLoader {
    public enum SentimentEngine { ENCODER, FAST }

    private ModelLoader() {
    }

    public static OnnxChurnScorer churn(ModelSource source) {
        return new OnnxChurnScorer(source.load("churn/card.json"));
    }

    public static SentimentScorer sentiment(ModelSource source, SentimentEngine engine) {
        return engine == SentimentEngine.FAST ? new TextSentimentScorer(source) : new EncoderSentimentScorer(source);
    }

    public static ScoringModels load(ModelSource source, SentimentEngine engine) {
        OnnxChurnScorer churn = churn(source);
        return new ScoringModels(churn, new ChurnExplainer(churn, baseline(churn.card())), sentiment(source, engine));
    }

    /** The risk thresholds of the card, with the hysteresis margin given by configuration. */
    public static RiskThresholds thresholds(ModelCard card, double hysteresis) {
        Map<String, Double> t = card.thresholds();
        if (t == null || t.get("medium") == null || t.get("high") == null) {
            throw new ModelLoadException("churn model card " + card.name() + " must give thresholds.medium and "
                    + "thresholds.high (or set insight.risk.medium and insight.risk.high)");
        }
        return new RiskThresholds(t.get("medium"), t.get("high"), hysteresis);
    }

    static float[] baseline(ModelCard card) {
        float[] b = new float[FeatureSchema.size()];
        if (card.baseline() == null) {
            throw new ModelLoadException("churn model card " + card.name() + " has no 'baseline' (median of each "
                    + "feature), which alert explanations need");
        }
        for (int i = 0; i < b.length; i++) {
            Double v = card.baseline().get(FeatureSchema.NAMES.get(i));
            if (v == null) {
                throw new ModelLoadException("churn model card " + card.name() + " has no baseline for "
                        + FeatureSchema.NAMES.get(i));
            }
            b[i] = v.floatValue();
        }
        return b;
    }
}
