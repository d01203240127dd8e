package io.customerinsight.cli;

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

    private static void print(String role, ModelCard card) {
        System.out.println(role + "\t" + card.name() + " " + card.version() + "\tsha256 " + card.sha256());
    }
}
