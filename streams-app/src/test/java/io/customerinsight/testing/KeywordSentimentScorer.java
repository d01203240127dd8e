package io.customerinsight.testing;

import io.customerinsight.scoring.FeedbackText;
import io.customerinsight.scoring.SentimentScorer;

import java.util.ArrayList;
import java.util.List;

/** A stand-in sentiment model for topology tests: a few keywords in English and Chinese. */
public final class KeywordSentimentScorer implements SentimentScorer {
    private final String version;

    public KeywordSentimentScorer() {
        this("test");
    }

    /** @param version the version its scorings carry, to tell models apart across a reload */
    public KeywordSentimentScorer(String version) {
        this.version = version;
    }

    @Override
    public String name() {
        return "keyword-test-sentiment";
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public List<Sentiment> score(List<String> texts, List<String> languages) {
        List<Sentiment> out = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            String t = texts.get(i).toLowerCase(java.util.Locale.ROOT);
            String lang = FeedbackText.language(t, languages.get(i));
            if (t.contains("terrible") || t.contains("awful") || t.contains("糟糕")) {
                out.add(new Sentiment(-0.9, "negative", lang));
            } else if (t.contains("great") || t.contains("love") || t.contains("很好")) {
                out.add(new Sentiment(0.8, "positive", lang));
            } else {
                out.add(new Sentiment(0.0, "neutral", lang));
            }
        }
        return out;
    }

    /** the texts scored through {@link #scoreByEncoder}: the ones a cascade would leave to its encoder */
    public final java.util.List<String> byEncoder = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public List<Sentiment> scoreByEncoder(List<String> texts, List<String> languages) {
        byEncoder.addAll(texts);
        return score(texts, languages);
    }
}
