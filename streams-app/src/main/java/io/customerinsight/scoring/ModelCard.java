package io.customerinsight.scoring;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

/**
 * The JSON card written by model-export beside every ONNX file. The app reads what it needs to load,
 * verify and use the model; the rest (metrics, training data) is for people and is carried as JSON.
 *
 * @param kind          {@code churn}, {@code sentiment-head} (on top of an encoder) or {@code sentiment-text}
 * @param file          the ONNX file, relative to the card
 * @param sha256        checksum of that file; the app refuses a file that does not match
 * @param baseline      typical (median) training value of each churn feature, for explanations
 * @param distributions training histograms of each feature and of the score, for drift monitoring
 * @param clusters      a segment model's clusters: id, name and what sets each apart
 * @param topics        a complaint topic model's topics: id, name, aspect, terms and samples
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModelCard(
        String name,
        String version,
        String kind,
        String createdAt,
        String file,
        String sha256,
        String featureSchemaVersion,
        List<String> features,
        String inputName,
        String outputName,
        List<String> labels,
        String language,
        String encoder,
        Integer maxTokens,
        Map<String, Double> thresholds,
        Map<String, Double> baseline,
        JsonNode distributions,
        JsonNode metrics,
        JsonNode trainingData,
        JsonNode clusters,
        JsonNode topics) {
}
