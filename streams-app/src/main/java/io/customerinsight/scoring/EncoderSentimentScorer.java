package io.customerinsight.scoring;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * The default sentiment model: each text is routed by language to its BGE-small encoder (English or
 * Chinese), and the trained head of that language turns the embedding into class probabilities.
 */
public final class EncoderSentimentScorer implements SentimentScorer {
    private final Map<String, BgeEncoder> encoders;
    private final Map<String, OnnxClassifier> heads;
    private final String version;

    private final LongAdder headNanos = new LongAdder();

    public EncoderSentimentScorer(ModelSource source) {
        this(source, null, BgeEncoder.SessionSettings.PIPELINE);
    }

    /**
     * @param maxTokens texts are cut to this many tokens, or null for the heads' cards (what they were trained on)
     * @param settings  how the encoders' ONNX Runtime sessions run
     */
    public EncoderSentimentScorer(ModelSource source, Integer maxTokens, BgeEncoder.SessionSettings settings) {
        OnnxClassifier en = new OnnxClassifier(source.load("sentiment/en/card.json"));
        OnnxClassifier zh = new OnnxClassifier(source.load("sentiment/zh/card.json"));
        int tokens = maxTokens != null ? maxTokens : en.card().maxTokens() == null ? 256 : en.card().maxTokens();
        this.heads = Map.of("en", en, "zh", zh);
        this.encoders = Map.of("en", BgeEncoder.forLanguage("en", tokens, settings),
                "zh", BgeEncoder.forLanguage("zh", tokens, settings));
        for (String language : List.of("en", "zh")) {
            checkPairing(heads.get(language).card(), encoders.get(language));
        }
        this.version = en.card().version() + "+" + zh.card().version();
    }

    /** A head is trained on one encoder's embeddings: its card must name the encoder it will run on. */
    static void checkPairing(ModelCard head, BgeEncoder encoder) {
        if (head.encoder() == null || !head.encoder().startsWith(encoder.name())) {
            throw new ModelLoadException("sentiment head " + head.name() + " was trained on the embeddings of '"
                    + head.encoder() + "', but this app runs " + encoder.name() + ": retrain the head with "
                    + "model-export");
        }
    }

    /** Each language's encoder phases, for the sentiment bench. */
    public Map<String, BgeEncoder.Phases> encoderPhases() {
        return Map.of("en", encoders.get("en").phases(), "zh", encoders.get("zh").phases());
    }

    /** Time spent in the heads, summed over every call, in nanoseconds. */
    public long headNanos() {
        return headNanos.sum();
    }

    @Override
    public List<ModelCard> cards() {
        return List.of(heads.get("en").card(), heads.get("zh").card());
    }

    @Override
    public JsonNode scoreReference(String language) {
        OnnxClassifier head = heads.get(language);
        return head == null || head.card().distributions() == null ? null : head.card().distributions().get("score");
    }

    @Override
    public String name() {
        return "bge-small-heads";
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public List<Sentiment> score(List<String> texts, List<String> languages) {
        Sentiment[] out = new Sentiment[texts.size()];
        for (String language : List.of("en", "zh")) {
            List<Integer> idx = new ArrayList<>();
            List<String> batch = new ArrayList<>();
            for (int i = 0; i < texts.size(); i++) {
                if (FeedbackText.language(texts.get(i), languages.get(i)).equals(language)) {
                    idx.add(i);
                    batch.add(texts.get(i));
                }
            }
            if (batch.isEmpty()) {
                continue;
            }
            OnnxClassifier head = heads.get(language);
            float[][] embeddings = encoders.get(language).embed(batch);
            long started = System.nanoTime();
            float[][] probabilities = head.predict(embeddings);
            headNanos.add(System.nanoTime() - started);
            for (int j = 0; j < idx.size(); j++) {
                double s = head.sentiment(probabilities[j]);
                out[idx.get(j)] = new Sentiment(s, SentimentLabels.labelOf(s), language, "encoder");
            }
        }
        return Arrays.asList(out);
    }

    @Override
    public void close() {
        encoders.values().forEach(BgeEncoder::close);
        heads.values().forEach(OnnxClassifier::close);
    }
}
