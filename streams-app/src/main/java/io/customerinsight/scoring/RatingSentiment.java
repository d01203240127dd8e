package io.customerinsight.scoring;

import io.customerinsight.events.FeedbackEvent;
import io.customerinsight.events.ScoredFeedback;

import java.util.Objects;

/**
 * The sentiment of a rating given without a text (a survey's score with no comment): no text model can read
 * it, so the rating is the sentiment, on the text models' scale: 1 star -1, 2 stars -0.5, 3 stars 0, 4 stars
 * 0.5, 5 stars 1, labelled with the same bands ({@link SentimentLabels}). Used live and by {@code replay}, so
 * both count such a message alike.
 */
public final class RatingSentiment {
    public static final String MODEL = "rating";
    public static final String VERSION = "1";
    /** the BCP 47 tag for a language that cannot be told: a rating has no words */
    public static final String UNDETERMINED = "und";

    private RatingSentiment() {
    }

    public static double score(int rating) {
        return (rating - 3) / 2.0;
    }

    /** The scored message of a rating without text; the producer's language hint, if any, is kept. */
    public static ScoredFeedback scored(FeedbackEvent f) {
        if (f.hasText()) {
            throw new IllegalArgumentException("not a rating without text");
        }
        return scored(f, Objects.requireNonNullElse(FeedbackText.hintedLanguage(f.language()), UNDETERMINED));
    }

    /**
     * The scored message of a rating whose text no model reads ({@link FeedbackText#unsupportedLanguage}):
     * the rating says how the customer felt, and {@code language} what the text was written in.
     */
    public static ScoredFeedback scored(FeedbackEvent f, String language) {
        if (f.rating() == null) {
            throw new IllegalArgumentException("no rating");
        }
        double score = score(f.rating());
        return new ScoredFeedback(f.feedbackId(), f.customerId(), f.timestamp(), f.channel(), f.rating(), language,
                score, SentimentLabels.labelOf(score), false, MODEL, VERSION);
    }
}
