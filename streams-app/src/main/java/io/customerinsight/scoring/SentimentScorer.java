package io.customerinsight.scoring;

import java.util.List;

/** Sentiment for feedback texts: a score in [-1, 1] and a label per text. */
public interface SentimentScorer extends AutoCloseable {
    String name();

    String version();

    /** The cards of the trained artifacts behind this scorer, for model-info metrics. */
    default List<ModelCard> cards() {
        return List.of();
    }

    /**
     * @param texts     the texts, already within the length limit
     * @param languages a language hint per text ({@code en}, {@code zh}) or null to detect it
     */
    List<Sentiment> score(List<String> texts, List<String> languages);

    @Override
    default void close() {
    }

    record Sentiment(double score, String label, String language) {
    }
}
