package io.customerinsight.lifecycle;

import io.customerinsight.drift.DriftMonitor;
import io.customerinsight.scoring.ChurnExplainer;
import io.customerinsight.scoring.ChurnScorer;
import io.customerinsight.scoring.ComplaintTopicModel;
import io.customerinsight.scoring.ScoringModels;
import io.customerinsight.scoring.SegmentModel;
import io.customerinsight.scoring.SentimentScorer;
import io.customerinsight.shadow.ShadowScoring;
import io.customerinsight.suggestions.SuggestionModel;
import io.customerinsight.value.ValueModel;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One version of every model an instance runs. The tasks hold the generation they score with and move to
 * a newer one between batches; a generation's models are released when it is no longer the live one and the
 * last task has moved on.
 */
public final class ModelGeneration {
    /** What a generation is made of; each part is reloaded on its own when its files change. */
    public enum Part {
        CHURN("churn"), SENTIMENT("sentiment", "sentiment-fast"), VALUE("value"), SEGMENTS("segments"),
        CHALLENGER("challenger"), SUGGESTIONS("suggestions"), TOPICS("topics");

        private final String[] directories;

        Part(String... directories) {
            this.directories = directories;
        }

        /** The directories of the model directory this part is read from. */
        public String[] directories() {
            return directories.clone();
        }
    }

    /** The churn model with what is derived from its card: the explainer and the drift monitor (or null). */
    public record Churn(ChurnScorer scorer, ChurnExplainer explainer, DriftMonitor drift) {
    }

    private final long number;
    private final Map<Part, SharedPart<?>> parts;
    private final ScoringModels models;
    private final DriftMonitor drift;
    /** the live holder's hold while this generation is live, plus one per task scoring with it */
    private final AtomicInteger holders = new AtomicInteger(1);

    ModelGeneration(long number, Map<Part, SharedPart<?>> parts) {
        this.number = number;
        this.parts = new EnumMap<>(parts);
        this.parts.values().forEach(SharedPart::hold);
        Churn churn = model(Part.CHURN);
        this.models = new ScoringModels(churn.scorer(), churn.explainer(), model(Part.SENTIMENT), model(Part.VALUE),
                model(Part.SEGMENTS), model(Part.SUGGESTIONS), model(Part.TOPICS));
        this.drift = churn.drift();
    }

    @SuppressWarnings("unchecked")
    private <T> T model(Part part) {
        SharedPart<?> shared = parts.get(part);
        return shared == null ? null : (T) shared.model();
    }

    SharedPart<?> part(Part part) {
        return parts.get(part);
    }

    /** 1 for the models loaded at start-up, then one more per reload. */
    public long number() {
        return number;
    }

    public ScoringModels models() {
        return models;
    }

    /** The churn model's drift monitor, or null when its card has no training distributions. */
    public DriftMonitor drift() {
        return drift;
    }

    public ChurnScorer churn() {
        return models.churn();
    }

    public SentimentScorer sentiment() {
        return models.sentiment();
    }

    public ValueModel value() {
        return models.value();
    }

    public SegmentModel segments() {
        return models.segments();
    }

    /** The product suggestion model, or null when there is none. */
    public SuggestionModel suggestions() {
        return models.suggestions();
    }

    /** The complaint topic models, or null when there are none. */
    public ComplaintTopicModel topics() {
        return models.topics();
    }

    /** The churn model scored in shadow beside the champion, or null when there is none. */
    public ShadowScoring.Challenger challenger() {
        return model(Part.CHALLENGER);
    }

    /** Holds this generation unless it was retired meanwhile; true if held. */
    boolean tryAcquire() {
        while (true) {
            int n = holders.get();
            if (n == 0) {
                return false;
            }
            if (holders.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    /** Lets go of this generation; the last holder releases its models (those no newer generation shares). */
    public void release() {
        if (holders.decrementAndGet() == 0) {
            parts.values().forEach(SharedPart::release);
        }
    }
}
