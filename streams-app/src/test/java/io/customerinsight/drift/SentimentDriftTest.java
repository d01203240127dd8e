package io.customerinsight.drift;

import com.fasterxml.jackson.databind.JsonNode;
import io.customerinsight.events.EventSerdes;
import io.customerinsight.scoring.SentimentLabels;
import io.customerinsight.scoring.SentimentScorer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SentimentDriftTest {
    /** Half the held-out reviews scored below 0, half above; no distribution for Chinese. */
    private static final String REFERENCE = "{\"edges\":[-1.0,0.0,1.0],\"fractions\":[0.5,0.5]}";

    /** Scores every text with the next value of a list, in English. */
    private static final class Replay implements SentimentScorer {
        private final List<Double> scores = new ArrayList<>();
        private int next;

        @Override
        public String name() {
            return "replay";
        }

        @Override
        public String version() {
            return "1";
        }

        @Override
        public JsonNode scoreReference(String language) {
            try {
                return language.equals("en") ? EventSerdes.JSON.readTree(REFERENCE) : null;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public List<Sentiment> score(List<String> texts, List<String> languages) {
            List<Sentiment> out = new ArrayList<>();
            for (int i = 0; i < texts.size(); i++) {
                double s = scores.get(next++);
                out.add(new Sentiment(s, SentimentLabels.labelOf(s), languages.get(i)));
            }
            return out;
        }
    }

    @Test
    void theSentimentScoresOfALanguageAreComparedWithItsCardsDistribution() {
        Replay replay = new Replay();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        long[] now = {0};
        SentimentDrift drift = new SentimentDrift(replay, registry, Duration.ofHours(1), 100, () -> now[0]);
        assertThat(drift.monitor("zh")).as("no reference, not watched").isNull();

        for (int i = 0; i < 200; i++) { // as in training: half negative, half positive
            replay.scores.add(i % 2 == 0 ? -0.6 : 0.7);
        }
        for (int i = 0; i < 200; i++) {
            drift.score(List.of("text"), Collections.singletonList("en"));
        }
        double steady = registry.get("insight.drift.psi").tag("feature", "sentiment_score_en").gauge().value();
        assertThat(steady).isLessThan(0.01);

        now[0] = Duration.ofHours(2).toMillis(); // a new window, in which nearly every review is negative
        for (int i = 0; i < 200; i++) {
            replay.scores.add(i % 10 == 0 ? 0.5 : -0.8);
        }
        for (int i = 0; i < 200; i++) {
            drift.score(List.of("text"), Collections.singletonList("en"));
        }
        assertThat(registry.get("insight.drift.psi").tag("feature", "sentiment_score_en").gauge().value()).isGreaterThan(0.25);
    }
}
