package io.customerinsight.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import io.customerinsight.events.ComplaintTopic;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Complaint topics per language ({@code topics/en}, {@code topics/zh}): a TF-IDF classifier model-export
 * distilled from the clusters it found in negative reviews, each topic named by its top terms and mapped to a
 * shared aspect in the card. A message gets its most likely topic; a language without a model gets none.
 */
public final class ComplaintTopicModel implements AutoCloseable {
    private final Map<String, OnnxClassifier> models = new LinkedHashMap<>();
    private final Map<String, List<ComplaintTopic>> topics = new LinkedHashMap<>();

    private ComplaintTopicModel() {
    }

    /** The topic models of {@code topics/<language>/card.json}, or null when the directory has none. */
    public static ComplaintTopicModel load(ModelSource source) {
        ComplaintTopicModel model = new ComplaintTopicModel();
        try {
            for (String language : List.of("en", "zh")) {
                String card = "topics/" + language + "/card.json";
                if (source.exists(card)) {
                    OnnxClassifier classifier = new OnnxClassifier(source.load(card));
                    model.models.put(language, classifier);
                    model.topics.put(language, topicsOf(classifier.card(), source));
                }
            }
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
        return model.models.isEmpty() ? null : model;
    }

    private static List<ComplaintTopic> topicsOf(ModelCard card, ModelSource source) {
        JsonNode list = card.topics();
        if (list == null || list.size() != card.labels().size()) {
            throw new ModelLoadException("topic card " + card.name() + " in " + source.describe()
                    + " needs one entry of 'topics' per label");
        }
        List<ComplaintTopic> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode t = list.get(i);
            String aspect = t.path("aspect").asText();
            if (!ComplaintTopic.ASPECTS.contains(aspect) || !t.path("id").asText().equals(card.labels().get(i))) {
                throw new ModelLoadException("topic card " + card.name() + " in " + source.describe() + ": topic "
                        + i + " needs the id of label " + i + " and an aspect among " + ComplaintTopic.ASPECTS);
            }
            out.add(new ComplaintTopic(aspect, t.path("name").asText(), 0));
        }
        return out;
    }

    public List<ModelCard> cards() {
        return models.values().stream().map(OnnxClassifier::card).toList();
    }

    public String version() {
        return String.join("+", models.values().stream().map(m -> m.card().version()).distinct().toList());
    }

    /** The message's most likely topic, or null when its language has no topic model. */
    public ComplaintTopic topic(String text, String language) {
        OnnxClassifier model = models.get(language);
        if (model == null) {
            return null;
        }
        float[] p = model.predictText(List.of(text))[0];
        int best = 0;
        for (int i = 1; i < p.length; i++) {
            if (p[i] > p[best]) {
                best = i;
            }
        }
        ComplaintTopic topic = topics.get(language).get(best);
        return new ComplaintTopic(topic.aspect(), topic.topic(), Math.round(p[best] * 1000) / 1000.0);
    }

    @Override
    public void close() {
        models.values().forEach(OnnxClassifier::close);
    }
}
