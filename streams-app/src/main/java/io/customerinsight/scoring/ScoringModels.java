package io.customerinsight.scoring;

import io.customerinsight.suggestions.SuggestionModel;
import io.customerinsight.value.ValueModel;

/**
 * The models a pipeline instance runs, loaded and verified once at start-up. {@code value}, {@code segments},
 * {@code suggestions} and {@code topics} are null when the model directory has none (profiles then carry no
 * value or cluster, alerts no product suggestions, feedback no complaint topics).
 */
public record ScoringModels(ChurnScorer churn, ChurnExplainer explainer, SentimentScorer sentiment, ValueModel value,
                            SegmentModel segments, SuggestionModel suggestions, ComplaintTopicModel topics)
        implements AutoCloseable {
    public ScoringModels(ChurnScorer churn, ChurnExplainer explainer, SentimentScorer sentiment) {
        this(churn, explainer, sentiment, null, null, null, null);
    }

    public ScoringModels(ChurnScorer churn, ChurnExplainer explainer, SentimentScorer sentiment, ValueModel value,
                         SegmentModel segments) {
        this(churn, explainer, sentiment, value, segments, null, null);
    }

    @Override
    public void close() {
        churn.close();
        sentiment.close();
        if (segments != null) {
            segments.close();
        }
        if (topics != null) {
            topics.close();
        }
    }
}
