package io.customerinsight.scoring;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

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

    @Test
    void aLanguageHintThatContradictsTheTextsScriptDoesNotSendItToTheWrongModel() {
        // producers label by the site's locale: a Chinese review tagged en, an English one tagged zh-CN
        try (SentimentScorer scorer = ModelLoader.sentiment(ModelSource.bundled(), ModelLoader.SentimentEngine.FAST)) {
            List<SentimentScorer.Sentiment> s = scorer.score(TEXTS, List.of("zh-CN", "zh", "en", "en-US"));
            assertThat(s).extracting(SentimentScorer.Sentiment::language).containsExactly("en", "en", "zh", "zh");
            assertThat(s).extracting(SentimentScorer.Sentiment::label)
                    .containsExactly("positive", "negative", "positive", "negative");
        }
    }

    /**
     * Emoji lie outside Unicode's basic plane, and ONNX Runtime's Java binding hands a string to the native
     * tokenizer in the JVM's modified UTF-8, which it refuses: every text with an emoji was dead-lettered.
     */
    @Test
    void textsWithEmojiAndOtherCharactersTheNativeTokenizerRefusedAreScored() {
        List<String> texts = List.of(
                "Absolutely love this dress \uD83D\uDE0D great quality and it fits perfectly!",
                "太差了\uD83D\uDE21用了一天就坏了，客服也不理人。",
                "\uD83D\uDC4D",
                "Terrible\u0000 it fell apart after one wash. Returning it.",
                "质量非常好\uD83D\uDC4D物流也很快，非常满意！\uD83D",
                "\uD842\uDFB7家的店，质量很差，不推荐");
        List<String> hints = Arrays.asList(null, null, null, null, null, null);
        try (SentimentScorer fast = ModelLoader.sentiment(ModelSource.bundled(), ModelLoader.SentimentEngine.FAST);
             SentimentScorer encoder = ModelLoader.sentiment(ModelSource.bundled(), ModelLoader.SentimentEngine.ENCODER);
             CascadeSentimentScorer cascade = ModelLoader.cascade(ModelSource.bundled())) {
            for (SentimentScorer scorer : List.of(fast, encoder, cascade)) {
                List<SentimentScorer.Sentiment> s = scorer.score(texts, hints);
                assertThat(s).extracting(SentimentScorer.Sentiment::language)
                        .containsExactly("en", "zh", "en", "en", "zh", "zh");
                assertThat(s).extracting(SentimentScorer.Sentiment::label).element(0).isEqualTo("positive");
                assertThat(s).extracting(SentimentScorer.Sentiment::label).element(1).isEqualTo("negative");
                assertThat(s).extracting(SentimentScorer.Sentiment::label).element(3).isEqualTo("negative");
                assertThat(s).extracting(SentimentScorer.Sentiment::label).element(4).isEqualTo("positive");
                assertThat(s).extracting(SentimentScorer.Sentiment::label).element(5).isEqualTo("negative");
            }
        }
    }

    @Test
    void theCascadeGetsClearCasesRightAndLeavesThemToTheFastModels() {
        try (CascadeSentimentScorer scorer = ModelLoader.cascade(ModelSource.bundled())) {
            assertClearCases(scorer);
            assertThat(scorer.escalatedShare()).as("clear cases need no encoder").isZero();
        }
    }

    @Test
    void theCascadeSendsOnlyTheTextsTheFastModelIsUnsureOfToTheEncoder() {
        SentimentScorer fast = fixed(0.9, 0.1, -0.15, -0.9);
        SentimentScorer encoder = fixed(-0.7, -0.6); // called with the unsure texts only
        try (CascadeSentimentScorer cascade = new CascadeSentimentScorer(fast, encoder, Map.of("en", 0.5, "zh", 0.2))) {
            List<SentimentScorer.Sentiment> s = cascade.score(List.of("a", "b", "c", "d"),
                    Arrays.asList("en", "en", "zh", "zh"));
            // b (0.1 < 0.5) and c (0.15 < 0.2) are unsure: the encoder decides them, from its own scores
            assertThat(s).extracting(SentimentScorer.Sentiment::score).containsExactly(0.9, -0.7, -0.6, -0.9);
            assertThat(cascade.escalatedShare()).isEqualTo(0.5);
        }
    }

    /**
     * The English models learnt from clothing reviews: the fast one reads a request to cancel as praise, and
     * is sure of it, so the cascade would keep its answer. Messages of the channels routed to the encoder are
     * the encoder's to decide.
     */
    @Test
    void englishTicketsAndChatsAreDecidedByTheEncoder() {
        List<String> texts = List.of("I want to cancel my subscription.",
                "This is the third time my order is broken. I am cancelling everything and want a refund now.");
        List<String> languages = Arrays.asList(null, null);
        EncoderChannels routing = EncoderChannels.parse(List.of("en:support_ticket", "en:chat"));
        try (CascadeSentimentScorer scorer = ModelLoader.cascade(ModelSource.bundled())) {
            assertThat(scorer.score(texts, languages)).extracting(SentimentScorer.Sentiment::label)
                    .as("the fast model's confident misreading, kept by the cascade on its own")
                    .containsExactly("positive", "positive");
            assertThat(scorer.scoreByEncoder(texts, languages)).extracting(SentimentScorer.Sentiment::label)
                    .containsExactly("negative", "negative");
            // each result says which model decided it, for the metric of paths
            assertThat(scorer.score(texts, languages)).extracting(SentimentScorer.Sentiment::path)
                    .containsExactly("fast", "fast");
            assertThat(scorer.scoreByEncoder(texts, languages)).extracting(SentimentScorer.Sentiment::path)
                    .containsExactly("encoder", "encoder");
        }
        assertThat(routing.byEncoder("support_ticket", texts.get(0), null)).isTrue();
        assertThat(routing.byEncoder("chat", texts.get(0), "en-US")).isTrue();
        assertThat(routing.byEncoder("review", texts.get(0), null)).isFalse();
        assertThat(routing.byEncoder("support_ticket", "太差了，客服也不理人。", null)).as("Chinese tickets").isFalse();
        assertThat(EncoderChannels.parse(List.of("chat")).byEncoder("chat", "太差了，客服也不理人。", null)).isTrue();
        assertThat(EncoderChannels.parse(List.of()).byEncoder("chat", texts.get(0), null)).isFalse();
    }

    @Test
    void anEncoderChannelThatIsNotAChannelIsRefusedNamingTheChoices() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> EncoderChannels.parse(List.of("en:ticket")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("support_ticket");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> EncoderChannels.parse(List.of("fr:chat")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("en, zh");
    }

    @Test
    void aHeadTrainedOnAnotherEncodersEmbeddingsIsRefused() throws Exception {
        ModelCard zhHeadCard = io.customerinsight.events.EventSerdes.JSON.readValue(
                "{\"name\":\"sentiment-head-zh\",\"encoder\":\"bge-small-zh-v1.5-q (langchain4j Maven jar)\"}",
                ModelCard.class);
        try (BgeEncoder english = BgeEncoder.forLanguage("en", 8)) {
            org.assertj.core.api.Assertions.assertThatThrownBy(
                            () -> EncoderSentimentScorer.checkPairing(zhHeadCard, english))
                    .isInstanceOf(ModelLoadException.class)
                    .hasMessageContaining("bge-small-zh-v1.5-q").hasMessageContaining("bge-small-en-v1.5-q");
        }
        try (BgeEncoder chinese = BgeEncoder.forLanguage("zh", 8)) {
            EncoderSentimentScorer.checkPairing(zhHeadCard, chinese); // the right pair loads
        }
    }

    /** A scorer that gives the listed scores, in order, to the texts of each call. */
    private static SentimentScorer fixed(double... scores) {
        return new SentimentScorer() {
            @Override
            public String name() {
                return "fixed";
            }

            @Override
            public String version() {
                return "1";
            }

            @Override
            public List<Sentiment> score(List<String> texts, List<String> languages) {
                List<Sentiment> out = new java.util.ArrayList<>();
                for (int i = 0; i < texts.size(); i++) {
                    double v = scores[i];
                    out.add(new Sentiment(v, SentimentLabels.labelOf(v), languages.get(i)));
                }
                return out;
            }
        };
    }
}
