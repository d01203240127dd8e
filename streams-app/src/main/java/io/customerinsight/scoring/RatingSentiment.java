package io.customerinsight.scoring;

import io.customerinsight.events.DeadLetterReason;
import io.customerinsight.events.FeedbackEvent;
import io.customerinsight.events.InvalidEventException;
import io.customerinsight.events.ScoredFeedback;

import java.util.Objects;
import java.util.TreeSet;

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

    /**
     * The message scored by its rating when no text model reads it: it has no text, or its text (as cut for
     * scoring) is in a language no model reads ({@link FeedbackText#unsupportedLanguage}). Null when the text
     * models read it. The one decision for the app and {@code replay}.
     *
     * @throws InvalidEventException {@code unsupported_language}: a text no model reads, and no rating
     */
    public static ScoredFeedback insteadOfTextModels(FeedbackEvent f, int maxTextChars) {
        if (!f.hasText()) {
            return scored(f);
        }
        String language = FeedbackText.unsupportedLanguage(FeedbackText.truncate(f.text(), maxTextChars),
                f.language());
        if (language == null) {
            return null;
        }
        if (f.rating() == null) {
            throw new InvalidEventException(DeadLetterReason.UNSUPPORTED_LANGUAGE, "feedback text is in '"
                    + language + "', which no sentiment model reads (they read " + new TreeSet<>(FeedbackText.SUPPORTED)
                    + "): send it with a rating, or translated");
        }
        return scored(f, language);
    }

    /** The scored message of a rating without text; the producer's language hint, if any, is kept. */
    private static ScoredFeedback scored(FeedbackEvent f) {
        if (f.hasText()) {
            throw new IllegalArgumentException("not a rating without text");
        }
        return scored(f, Objects.requireNonNullElse(FeedbackText.hintedLanguage(f.language()), UNDETERMINED));
    }

    /** The rating says how the customer felt, and {@code language} what the text, if any, was written in. */
    private static ScoredFeedback scored(FeedbackEvent f, String language) {
        if (f.rating() == null) {
            throw new IllegalArgumentException("no rating");
        }
        double score = score(f.rating());
        return new ScoredFeedback(f.feedbackId(), f.customerId(), f.timestamp(), f.channel(), f.rating(), language,
                score, SentimentLabels.labelOf(score), false, MODEL, VERSION);
    }
}
