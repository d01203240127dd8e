package io.customerinsight.cli;

import io.customerinsight.app.InsightApplication;
import io.customerinsight.config.AppConfig;
import io.customerinsight.scoring.ModelLoader;
import io.customerinsight.scoring.SentimentScorer;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.Map;

/** Options of commands that score feedback sentiment outside the pipeline (score-text, replay). */
public final class SentimentOptions {
    @Option(names = "--models-dir", description = "model directory (default: the models bundled in the jar)")
    String modelsDir;

    @Option(names = "--engine", defaultValue = "encoder", description = "sentiment engine: encoder (BGE + head) or fast (TF-IDF)")
    String engine;

    public SentimentScorer open() {
        Map<String, String> settings = new LinkedHashMap<>();
        if (modelsDir != null) {
            settings.put("insight.models.dir", modelsDir);
        }
        settings.put("insight.sentiment.engine", engine);
        AppConfig config = AppConfig.of(settings);
        return ModelLoader.sentiment(InsightApplication.modelSource(config), InsightApplication.sentimentEngine(config));
    }
}
