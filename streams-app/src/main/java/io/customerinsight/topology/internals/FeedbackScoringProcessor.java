package io.customerinsight.topology.internals;

import io.customerinsight.events.ComplaintTopic;
import io.customerinsight.events.CustomerEvent;
import io.customerinsight.events.FeedbackEvent;
import io.customerinsight.events.ScoredFeedback;
import io.customerinsight.lifecycle.LiveModels;
import io.customerinsight.lifecycle.ModelGeneration;
import io.customerinsight.ops.InsightMetrics;
import io.customerinsight.scoring.ComplaintTopicModel;
import io.customerinsight.scoring.EncoderChannels;
import io.customerinsight.scoring.FeedbackText;
import io.customerinsight.scoring.RatingSentiment;
import io.customerinsight.scoring.SentimentScorer;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

import java.util.Collections;
import java.util.List;

/**
 * Scores the sentiment of each feedback message, and what it is about when the models include complaint
 * topics (found in complaints, they name what praise is about as well); the text is cut to the configured
 * limit first. A rating without text is scored by its rating ({@link RatingSentiment}), and so is a text in a
 * language no model reads; without a rating, such a text is dead-lettered as {@code unsupported_language}.
 */
public final class FeedbackScoringProcessor implements FixedKeyProcessor<String, FeedbackEvent, CustomerEvent> {
    private final LiveModels models;
    private final InsightMetrics metrics;
    private final int maxTextChars;
    private final EncoderChannels encoderChannels;
    private FixedKeyProcessorContext<String, CustomerEvent> context;
    /** the models this task scores with, held until hot reload installs a newer generation or the task closes */
    private ModelGeneration generation;

    public FeedbackScoringProcessor(LiveModels models, InsightMetrics metrics, int maxTextChars,
                                    EncoderChannels encoderChannels) {
        this.models = models;
        this.metrics = metrics;
        this.maxTextChars = maxTextChars;
        this.encoderChannels = encoderChannels;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, CustomerEvent> context) {
        this.context = context;
        this.generation = models.acquire();
        FeedbackText.loadLanguageDetector();
    }

    @Override
    public void close() {
        if (generation != null) {
            generation.release();
            generation = null;
        }
    }

    @Override
    public void process(FixedKeyRecord<String, FeedbackEvent> record) {
        if (models.current() != generation) {
            ModelGeneration previous = generation;
            generation = models.acquire();
            previous.release();
        }
        FeedbackEvent f = record.value();
        ScoredFeedback rated = RatingSentiment.insteadOfTextModels(f, maxTextChars);
        if (rated != null) {
            forwardRated(record, rated);
            return;
        }
        SentimentScorer scorer = generation.sentiment();
        String text = FeedbackText.truncate(f.text(), maxTextChars);
        long started = System.nanoTime();
        List<String> language = Collections.singletonList(f.language());
        SentimentScorer.Sentiment s = (encoderChannels.byEncoder(f.channel(), text, f.language())
                ? scorer.scoreByEncoder(List.of(text), language) : scorer.score(List.of(text), language)).get(0);
        metrics.sentimentScored(scorer.name(), scorer.version(), s.language(), System.nanoTime() - started, 1);
        metrics.sentimentLabel(s.label(), s.language(), s.score());
        metrics.sentimentDecided(s.language(), s.path());
        ComplaintTopicModel topics = generation.topics();
        ComplaintTopic topic = topics == null ? null : topics.topic(text, s.language());
        ScoredFeedback scored = new ScoredFeedback(f.feedbackId(), f.customerId(), f.timestamp(), f.channel(),
                f.rating(), s.language(), s.score(), s.label(), text.length() < f.text().length(), scorer.name(),
                scorer.version(), topic == null ? List.of() : List.of(topic));
        if (topic != null && scored.isComplaint()) {
            metrics.complaintTopic(s.language(), topic.aspect());
        }
        context.forward(record.withValue(scored));
    }

    private void forwardRated(FixedKeyRecord<String, FeedbackEvent> record, ScoredFeedback rated) {
        // metrics are labelled by the languages the models read: any other is "other", never the producer's tag
        String language = FeedbackText.SUPPORTED.contains(rated.language())
                || RatingSentiment.UNDETERMINED.equals(rated.language()) ? rated.language() : "other";
        metrics.sentimentLabel(rated.label(), language, rated.sentiment());
        metrics.sentimentDecided(language, "rating");
        context.forward(record.withValue(rated));
    }
}
