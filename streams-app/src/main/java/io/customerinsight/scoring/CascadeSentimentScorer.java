package io.customerinsight.scoring;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The fast model decides the texts it is sure of; the encoder path only the rest. A text whose fast score
 * (P(positive) - P(negative)) lies within its language's threshold of zero goes to the encoder. Each text's
 * result comes from one model only, so the scores of the two paths are never mixed within a text.
 */
public final class CascadeSentimentScorer implements SentimentScorer {
    private final SentimentScorer fast;
    private final SentimentScorer encoder;
    private final Map<String, Double> thresholds;
    private final String name;
    private final String version;
    private final LongAdder texts = new LongAdder();
    private final LongAdder escalated = new LongAdder();

    /** @param thresholds by language ({@code en}, {@code zh}); a language without one always goes to the encoder */
    public CascadeSentimentScorer(SentimentScorer fast, SentimentScorer encoder, Map<String, Double> thresholds) {
        this.fast = fast;
        this.encoder = encoder;
        this.thresholds = Map.copyOf(thresholds);
        this.name = "cascade(" + fast.name() + "," + encoder.name() + ")";
        this.version = fast.version() + "/" + encoder.version() + "@" + new TreeMap<>(thresholds);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String version() {
        return version;
    }

    /** The cascade's own scores on held-out reviews, written into the fast cards by model-export. */
    @Override
    public JsonNode scoreReference(String language) {
        for (ModelCard card : fast.cards()) {
            if (language.equals(card.language()) && card.distributions() != null) {
                return card.distributions().get("cascadeScore");
            }
        }
        return null;
    }

    @Override
    public List<ModelCard> cards() {
        List<ModelCard> cards = new ArrayList<>(fast.cards());
        cards.addAll(encoder.cards());
        return cards;
    }

    @Override
    public List<Sentiment> score(List<String> batch, List<String> languages) {
        List<Sentiment> out = new ArrayList<>(fast.score(batch, languages));
        List<Integer> unsure = new ArrayList<>();
        for (int i = 0; i < out.size(); i++) {
            if (Math.abs(out.get(i).score()) < thresholds.getOrDefault(out.get(i).language(), Double.MAX_VALUE)) {
                unsure.add(i);
            }
        }
        texts.add(batch.size());
        escalated.add(unsure.size());
        if (!unsure.isEmpty()) {
            List<Sentiment> second = encoder.score(unsure.stream().map(batch::get).toList(),
                    unsure.stream().map(languages::get).toList());
            for (int j = 0; j < unsure.size(); j++) {
                out.set(unsure.get(j), second.get(j));
            }
        }
        return out;
    }

    @Override
    public List<Sentiment> scoreByEncoder(List<String> batch, List<String> languages) {
        texts.add(batch.size());
        escalated.add(batch.size());
        return encoder.score(batch, languages);
    }

    /** The share of texts the encoder decided so far. */
    public double escalatedShare() {
        long all = texts.sum();
        return all == 0 ? 0 : escalated.sum() / (double) all;
    }


    @Override
    public void close() {
        fast.close();
        encoder.close();
    }
}
