package io.customerinsight.scoring;

import io.customerinsight.value.ValueModel;

/**
 * The models a pipeline instance runs, loaded and verified once at start-up. {@code value} and
 * {@code segments} are null when the model directory has none (profiles then carry no value or cluster).
 */
public record ScoringModels(ChurnScorer churn, ChurnExplainer explainer, SentimentScorer sentiment, ValueModel value,
                            SegmentModel segments) implements AutoCloseable {
    public ScoringModels(ChurnScorer churn, ChurnExplainer explainer, SentimentScorer sentiment) {
        this(churn, explainer, sentiment, null, null);
    }

    @Override
    public void close() {
        churn.close();
        sentiment.close();
        if (segments != null) {
            segments.close();
        }
    }
}
