package io.customerinsight.scoring;

import java.util.ArrayList;
import java.util.List;

/**
 * The fast fallback: one exported model (character n-gram TF-IDF and logistic regression) that takes raw
 * text in either language. Much cheaper than the encoders, somewhat less accurate (see its card).
 */
public final class TextSentimentScorer implements SentimentScorer {
    private final OnnxClassifier model;

    public TextSentimentScorer(ModelSource source) {
        this.model = new OnnxClassifier(source.load("sentiment-fast/card.json"));
    }

    @Override
    public List<ModelCard> cards() {
        return List.of(model.card());
    }

    @Override
    public String name() {
        return model.card().name();
    }

    @Override
    public String version() {
        return model.card().version();
    }

    @Override
    public List<Sentiment> score(List<String> texts, List<String> languages) {
        float[][] probabilities = model.predictText(texts);
        List<Sentiment> out = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            double s = model.sentiment(probabilities[i]);
            out.add(new Sentiment(s, SentimentLabels.labelOf(s), FeedbackText.language(texts.get(i), languages.get(i))));
        }
        return out;
    }

    @Override
    public void close() {
        model.close();
    }
}
