package io.customerinsight.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.customerinsight.alerts.AlertPolicy;
import io.customerinsight.app.InsightApplication;
import io.customerinsight.config.InsightConfig;
import io.customerinsight.lifecycle.Challengers;
import io.customerinsight.lifecycle.ModelCheck;
import io.customerinsight.scoring.ModelCard;
import io.customerinsight.scoring.ModelLoader;
import io.customerinsight.scoring.ScoringModels;
import io.customerinsight.shadow.ShadowScoring;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.Locale;
import java.util.concurrent.Callable;

/** Loads a model directory with every check a running instance applies before it installs it. */
@Command(name = "verify-models", mixinStandardHelpOptions = true,
        description = "Load a model directory with every check of start-up and hot reload (checksums, feature "
                + "schema, encoder pairing, thresholds, one scoring by each model) and print what it holds; "
                + "exit 1 with the reason if a running instance would refuse it.")
public final class VerifyModelsCommand implements Callable<Integer> {
    @Mixin
    SentimentOptions options;

    @Override
    public Integer call() {
        InsightConfig config = options.config();
        try (ScoringModels models = ModelLoader.load(InsightApplication.modelSource(config),
                ModelLoader.SentimentEngine.of(config.sentimentEngine()))) {
            ModelCheck.verify(models, config);
            ShadowScoring.Challenger challenger = Challengers.load(InsightApplication.modelSource(config),
                    new SimpleMeterRegistry());
            ModelCheck.verify(challenger);
            print("churn", models.churn().card());
            System.out.println("alerts\t" + AlertPolicy.from(config, models.churn().card()).describe());
            String expected = expectedAlerts(models.churn().card());
            if (expected != null) {
                System.out.println("expected\t" + expected);
            }
            models.sentiment().cards().forEach(card -> print("sentiment", card));
            if (models.segments() != null) {
                print("segments", models.segments().card());
            }
            if (challenger != null) {
                print("challenger", challenger.scorer().card());
                challenger.scorer().close();
            }
            System.out.println("value\t" + (models.value() == null ? "none" : "BG/NBD + Gamma-Gamma"));
            System.out.println("OK: a running instance would install these models");
            return 0;
        } catch (RuntimeException e) {
            System.err.println("refused: " + e.getMessage());
            return 1;
        }
    }

    /**
     * What the churn card's validation rows say the levels will do: the share of rows each flags and the share
     * of its level-entry alerts that came true, which `insight_alert_precision_expected` exports and realized
     * outcomes are compared with; null for a card without them.
     */
    static String expectedAlerts(ModelCard card) {
        JsonNode metrics = card.metrics();
        if (metrics == null || !metrics.path("alertOutcomes").path("medium").has("precision")) {
            return null;
        }
        JsonNode outcomes = metrics.path("alertOutcomes");
        JsonNode shares = metrics.path("thresholdChoice");
        return String.format(Locale.ROOT, "medium flags %s of the rows, and %s of its %d level-entry alerts came "
                        + "true; high flags %s, and %s of its %d came true (the card's validation rows)",
                number(shares.path("mediumShareFlagged")), number(outcomes.path("medium").path("precision")),
                outcomes.path("medium").path("alerts").asInt(), number(shares.path("highShareFlagged")),
                number(outcomes.path("high").path("precision")), outcomes.path("high").path("alerts").asInt());
    }

    /** a card's figure as written, "none" where it has none (no alerts at that level: no precision) */
    private static String number(JsonNode node) {
        return node.isNumber() ? node.asText() : "none";
    }

    private static void print(String role, ModelCard card) {
        System.out.println(role + "\t" + card.name() + " " + card.version() + "\tsha256 " + card.sha256());
    }
}
