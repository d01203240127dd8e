package io.customerinsight.scoring;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The bundled sentiment models on clear cases in both languages, through both engines. */
class SentimentModelsTest {
    private static final List<String> TEXTS = List.of(
            "Absolutely love this dress, great quality and it fits perfectly!",
            "Terrible. The fabric is cheap and it fell apart after one wash. Returning it.",
            "质量非常好，物流也很快，非常满意！",
            "太差了，用了一天就坏了，客服也不理人。");

    private static void assertClearCases(SentimentScorer scorer) {
        List<SentimentScorer.Sentiment> s = scorer.score(TEXTS, Arrays.asList(null, null, null, null));
        assertThat(s).extracting(SentimentScorer.Sentiment::language).containsExactly("en", "en", "zh", "zh");
        assertThat(s).extracting(SentimentScorer.Sentiment::label)
                .containsExactly("positive", "negative", "positive", "negative");
        // clear cases are decided with a wide margin, not just across the label boundary
        assertThat(s.get(0).score() - s.get(1).score()).as("en positive minus negative").isGreaterThan(1.0);
        assertThat(s.get(2).score() - s.get(3).score()).as("zh positive minus negative").isGreaterThan(1.0);
    }

    @Test
    void encoderPathRoutesByLanguageAndGetsClearCasesRight() {
        try (SentimentScorer scorer = ModelLoader.sentiment(ModelSource.bundled(), ModelLoader.SentimentEngine.ENCODER)) {
            assertClearCases(scorer);
        }
    }

    @Test
    void fastPathGetsClearCasesRight() {
        try (SentimentScorer scorer = ModelLoader.sentiment(ModelSource.bundled(), ModelLoader.SentimentEngine.FAST)) {
            assertClearCases(scorer);
        }
    }
}
