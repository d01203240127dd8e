package io.customerinsight.scoring;

import io.customerinsight.value.ValueModel;

/**
 * The models a pipeline instance runs, loaded and verified once at start-up. {@code value} is null when the
 * model directory has no value model (profiles and alerts then carry no value).
 */
public record ScoringModels(ChurnScorer churn, ChurnExplainer explainer, SentimentScorer sentiment, ValueModel value)
        implements AutoCloseable {
    public ScoringModels(ChurnScorer churn, ChurnExplainer explainer, SentimentScorer sentiment) {
        this(churn, explainer, sentiment, null);
    }

    @Override
    public void close() {
        churn.close();
        sentiment.close();
    }
}
