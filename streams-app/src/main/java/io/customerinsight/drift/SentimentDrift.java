package io.customerinsight.drift;

import com.fasterxml.jackson.databind.JsonNode;
import io.customerinsight.scoring.SentimentScorer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The sentiment scorer, watched for drift: every score it gives is binned, per language, against the score
 * distribution its cards hold for held-out reviews, and the population stability index is exported as
 * {@code insight_drift_psi{feature="sentiment_score_<language>"}} over the same sliding window as the churn
 * features' (Prometheus wants one set of label names per metric, hence the language in the feature). A language whose cards hold no distribution is not watched.
 */
public final class SentimentDrift implements SentimentScorer {
    private static final float[][] NO_FEATURES = {new float[0]};
    private final SentimentScorer scorer;
    private final Map<String, DriftMonitor> byLanguage = new HashMap<>();
    private final MeterRegistry registry;
    private final List<Meter> meters = new ArrayList<>();

    public SentimentDrift(SentimentScorer scorer, MeterRegistry registry, Duration window, long minSamples,
                          LongSupplier clock) {
        this.scorer = scorer;
        this.registry = registry;
        for (String language : List.of("en", "zh")) {
            JsonNode reference = scorer.scoreReference(language);
            if (reference == null || reference.isMissingNode() || !reference.has("edges")) {
                continue;
            }
            DriftMonitor monitor = new DriftMonitor(List.of("sentiment_score"),
                    List.of(ReferenceDistribution.fromCard(reference)), new int[] {-1}, window, minSamples, 1, clock);
            byLanguage.put(language, monitor);
            meters.add(Gauge.builder("insight.drift.psi", monitor, m -> m.psi(0))
                    .description("Population stability index of the sentiment score of one language over the drift "
                            + "window against the score distribution of the sentiment cards on held-out reviews")
                    .tags("feature", "sentiment_score_" + language, "model", scorer.name(), "version", scorer.version())
                    .register(registry));
        }
    }

    /** The monitor of a language, or null when it is not watched. */
    DriftMonitor monitor(String language) {
        return byLanguage.get(language);
    }

    @Override
    public List<Sentiment> score(List<String> texts, List<String> languages) {
        return observed(scorer.score(texts, languages));
    }

    @Override
    public List<Sentiment> scoreByEncoder(List<String> texts, List<String> languages) {
        return observed(scorer.scoreByEncoder(texts, languages));
    }

    private List<Sentiment> observed(List<Sentiment> out) {
        for (Sentiment s : out) {
            DriftMonitor monitor = byLanguage.get(s.language());
            if (monitor != null) {
                monitor.observe(NO_FEATURES, new double[] {s.score()});
            }
        }
        return out;
    }

    @Override
    public String name() {
        return scorer.name();
    }

    @Override
    public String version() {
        return scorer.version();
    }

    @Override
    public List<io.customerinsight.scoring.ModelCard> cards() {
        return scorer.cards();
    }

    @Override
    public JsonNode scoreReference(String language) {
        return scorer.scoreReference(language);
    }

    @Override
    public void close() {
        meters.forEach(registry::remove);
        scorer.close();
    }
}
