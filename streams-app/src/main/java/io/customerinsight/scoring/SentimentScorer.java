package io.customerinsight.scoring;

import com.fasterxml.jackson.databind.JsonNode;

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

    /**
     * Scores texts that the encoder path must decide whatever a faster model would say (see
     * {@link EncoderChannels}); a scorer with a single path scores them as {@link #score} does.
     */
    default List<Sentiment> scoreByEncoder(List<String> texts, List<String> languages) {
        return score(texts, languages);
    }

    /**
     * The distribution of this scorer's scores on held-out reviews of a language (from its cards: edges and
     * fractions), the reference for drift; null when the cards hold none.
     */
    default JsonNode scoreReference(String language) {
        return null;
    }

    @Override
    default void close() {
    }

    /** @param path which model decided: {@code fast} or {@code encoder}; null for a scorer that does not say */
    record Sentiment(double score, String label, String language, String path) {
        public Sentiment(double score, String label, String language) {
            this(score, label, language, null);
        }
    }
}
