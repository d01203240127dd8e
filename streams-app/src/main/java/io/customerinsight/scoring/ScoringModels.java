package io.customerinsight.scoring;

/** The models a pipeline instance runs, loaded and verified once at start-up. */
public record ScoringModels(ChurnScorer churn, ChurnExplainer explainer, SentimentScorer sentiment) implements AutoCloseable {
    @Override
    public void close() {
        churn.close();
        sentiment.close();
    }
}
