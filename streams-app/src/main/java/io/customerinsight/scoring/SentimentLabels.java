package io.customerinsight.scoring;

/**
 * Maps a sentiment score to a label: {@code negative} at or below -0.3, {@code positive} at or above 0.3,
 * {@code neutral} in between. Binary heads have no neutral class, so the band in the middle is where
 * they are unsure.
 */
public final class SentimentLabels {
    public static final double BAND = 0.3;

    private SentimentLabels() {
    }

    public static String labelOf(double score) {
        return score <= -BAND ? "negative" : score >= BAND ? "positive" : "neutral";
    }
}
