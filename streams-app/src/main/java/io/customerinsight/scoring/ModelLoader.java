package io.customerinsight.scoring;

import io.customerinsight.events.EventSerdes;
import io.customerinsight.features.FeatureSchema;
import io.customerinsight.suggestions.SuggestionModel;
import io.customerinsight.value.ValueModel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Loads and verifies every model a pipeline needs from one model directory (or the bundled defaults). */
public final class ModelLoader {
    public enum SentimentEngine {
        ENCODER, FAST, CASCADE;

        /** @param name {@code encoder} or {@code fast}, in any case */
        public static SentimentEngine of(String name) {
            return valueOf(name.toUpperCase(java.util.Locale.ROOT));
        }
    }

    private ModelLoader() {
    }

    public static OnnxChurnScorer churn(ModelSource source) {
        return new OnnxChurnScorer(source.load("churn/card.json"));
    }

    public static SentimentScorer sentiment(ModelSource source, SentimentEngine engine) {
        return switch (engine) {
            case FAST -> new TextSentimentScorer(source);
            case ENCODER -> new EncoderSentimentScorer(source);
            case CASCADE -> cascade(source);
        };
    }

    /**
     * The fast models, and the encoder path for the texts they are unsure of: those whose fast score lies
     * within the language's fast card's {@code thresholds.cascade} of zero (model-export chooses it on held-out
     * reviews against the encoder path).
     */
    static CascadeSentimentScorer cascade(ModelSource source) {
        TextSentimentScorer fast = new TextSentimentScorer(source);
        Map<String, Double> thresholds = new HashMap<>();
        for (String language : List.of("en", "zh")) {
            ModelCard card = fast.card(language);
            Double threshold = card.thresholds() == null ? null : card.thresholds().get("cascade");
            if (threshold == null) {
                fast.close();
                throw new ModelLoadException("the fast sentiment card " + card.name() + " in " + source.describe()
                        + " has no thresholds.cascade: retrain it with model-export, or choose another sentiment "
                        + "engine");
            }
            thresholds.put(language, threshold);
        }
        return new CascadeSentimentScorer(fast, new EncoderSentimentScorer(source), thresholds);
    }

    public static ScoringModels load(ModelSource source, SentimentEngine engine) {
        OnnxChurnScorer churn = churn(source);
        return new ScoringModels(churn, new ChurnExplainer(churn, baseline(churn.card())), sentiment(source, engine),
                value(source), segments(source), suggestions(source), ComplaintTopicModel.load(source));
    }

    /** The segment model of {@code segments/card.json}, or null when the directory has none. */
    public static SegmentModel segments(ModelSource source) {
        return source.exists(SegmentModel.CARD) ? new SegmentModel(source.load(SegmentModel.CARD)) : null;
    }

    /**
     * The product suggestion model of {@code suggestions/card.json} and the table it names (checked against
     * its sha256), or null when the directory has none.
     */
    public static SuggestionModel suggestions(ModelSource source) {
        if (!source.exists(SuggestionModel.CARD)) {
            return null;
        }
        SuggestionModel.Card card;
        try {
            card = EventSerdes.JSON.readValue(source.read(SuggestionModel.CARD), SuggestionModel.Card.class);
        } catch (IOException e) {
            throw new ModelLoadException("suggestion card in " + source.describe() + " is not valid JSON: "
                    + e.getMessage());
        }
        if (card.file() == null || card.sha256() == null || card.settings() == null || card.settings().recent() < 1) {
            throw new ModelLoadException("suggestion card in " + source.describe()
                    + " needs file, sha256 and settings.recent");
        }
        byte[] table = source.read("suggestions/" + card.file());
        if (!ModelSource.sha256(table).equals(card.sha256())) {
            throw new ModelLoadException("suggestions/" + card.file() + " in " + source.describe()
                    + " does not match the sha256 of its card");
        }
        try {
            return SuggestionModel.of(card, new String(table, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new ModelLoadException("suggestions/" + card.file() + " in " + source.describe() + ", "
                    + e.getMessage());
        }
    }

    /** The value model of {@code value/card.json}, or null when the directory has none. */
    public static ValueModel value(ModelSource source) {
        if (!source.exists("value/card.json")) {
            return null;
        }
        try {
            ValueModel model = EventSerdes.JSON.readValue(source.read("value/card.json"), ValueModel.class);
            if (model.bgNbd() == null || model.gammaGamma() == null || model.horizonDays() <= 0) {
                throw new ModelLoadException("value model card in " + source.describe()
                        + " needs bgNbd, gammaGamma and horizonDays");
            }
            return model;
        } catch (IOException e) {
            throw new ModelLoadException("value model card in " + source.describe() + " is not valid JSON: "
                    + e.getMessage());
        }
    }

    public static float[] baseline(ModelCard card) {
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
