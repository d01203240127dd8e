package io.customerinsight.outcomes;

import com.fasterxml.jackson.databind.JsonNode;
import io.customerinsight.config.Durations;
import io.customerinsight.scoring.ModelCard;

import java.time.Duration;

/**
 * What churn meant for the model that alerted, from its card ({@code trainingData.label}): the horizon, and the
 * activity that counts as staying ({@code session}: any clickstream event; {@code purchase}: a purchase). A
 * cancel within the horizon is churn for both. A card without a label (tests) means sessions over 30 days.
 *
 * @param activeWithin the silence beyond which no training row sampled a customer ({@code activeWithin}): the
 *                     model never learnt to judge a longer one. Null when the card does not say (every customer)
 */
public record OutcomeLabel(Duration horizon, boolean purchasesOnly, Duration activeWithin) {
    public static final OutcomeLabel DEFAULT = new OutcomeLabel(Duration.ofDays(30), false, null);

    public static OutcomeLabel of(ModelCard card) {
        JsonNode label = card == null || card.trainingData() == null ? null : card.trainingData().path("label");
        if (label == null || label.isMissingNode() || !label.has("horizon")) {
            return DEFAULT;
        }
        return new OutcomeLabel(duration(card, label, "horizon"), "purchase".equals(label.path("activity").asText()),
                label.hasNonNull("activeWithin") ? duration(card, label, "activeWithin") : null);
    }

    private static Duration duration(ModelCard card, JsonNode label, String field) {
        try {
            return Durations.parse(label.path(field).asText());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the churn model card " + card.name() + ", trainingData.label."
                    + field + ": " + e.getMessage(), e);
        }
    }
}
