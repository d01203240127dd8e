package io.customerinsight.scoring;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fast path: exported models (TF-IDF and logistic regression) that take raw text, one per language
 * ({@code sentiment-fast/en}, {@code sentiment-fast/zh}), each text routed by its language as the encoder path
 * routes it.
 */
public final class TextSentimentScorer implements SentimentScorer {
    private static final List<String> LANGUAGES = List.of("en", "zh");
    private final Map<String, OnnxClassifier> models = new LinkedHashMap<>();
    private final String version;

    public TextSentimentScorer(ModelSource source) {
        for (String language : LANGUAGES) {
            models.put(language, new OnnxClassifier(source.load("sentiment-fast/" + language + "/card.json")));
        }
        this.version = String.join("+", models.values().stream().map(m -> m.card().version()).distinct().toList());
    }

    @Override
    public List<ModelCard> cards() {
        return models.values().stream().map(OnnxClassifier::card).toList();
    }

    /** The card of the model that scores this language. */
    ModelCard card(String language) {
        return models.get(language).card();
    }

    @Override
    public JsonNode scoreReference(String language) {
        OnnxClassifier model = models.get(language);
        return model == null || model.card().distributions() == null ? null
                : model.card().distributions().get("score");
    }

    @Override
    public String name() {
        return "sentiment-fast";
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public List<Sentiment> score(List<String> texts, List<String> languages) {
        Sentiment[] out = new Sentiment[texts.size()];
        Map<OnnxClassifier, List<Integer>> byModel = new LinkedHashMap<>();
        String[] language = new String[texts.size()];
        for (int i = 0; i < texts.size(); i++) {
            language[i] = FeedbackText.language(texts.get(i), languages.get(i));
            byModel.computeIfAbsent(models.get(language[i]), m -> new ArrayList<>()).add(i);
        }
        for (Map.Entry<OnnxClassifier, List<Integer>> group : byModel.entrySet()) {
            OnnxClassifier model = group.getKey();
            List<Integer> idx = group.getValue();
            float[][] probabilities = model.predictText(idx.stream().map(texts::get).toList());
            for (int j = 0; j < idx.size(); j++) {
                double s = model.sentiment(probabilities[j]);
                out[idx.get(j)] = new Sentiment(s, SentimentLabels.labelOf(s), language[idx.get(j)], "fast");
            }
        }
        return Arrays.asList(out);
    }

    @Override
    public void close() {
        models.values().forEach(OnnxClassifier::close);
    }
}
