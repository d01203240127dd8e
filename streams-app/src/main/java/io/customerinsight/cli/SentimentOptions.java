package io.customerinsight.cli;

import io.customerinsight.app.InsightApplication;
import io.customerinsight.config.AppConfig;
import io.customerinsight.config.InsightConfig;
import io.customerinsight.scoring.ModelLoader;
import io.customerinsight.scoring.SentimentScorer;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Options of commands that score feedback sentiment outside the pipeline (score-text, replay): the same
 * settings as the pipeline's, so that texts are cut and scored as when serving.
 */
public final class SentimentOptions {
    @Option(names = "--config", description = "properties file with insight.* settings (as for run)")
    Path configFile;

    @Option(names = "--models-dir", description = "model directory (default: the models bundled in the jar)")
    String modelsDir;

    @Option(names = "--engine", description = "sentiment engine: encoder (BGE + head) or fast (TF-IDF); "
            + "default: insight.sentiment.engine")
    String engine;

    @Option(names = {"-s", "--set"}, description = "an insight.* setting, key=value (insight.text.max.chars...)")
    Map<String, String> settings = new LinkedHashMap<>();

    /** The pipeline settings these options give (file, environment, then flags, as for run). */
    public InsightConfig config() {
        Map<String, String> flags = new LinkedHashMap<>(settings);
        if (modelsDir != null) {
            flags.put(InsightConfig.MODELS_DIR, modelsDir);
        }
        if (engine != null) {
            flags.put(InsightConfig.SENTIMENT_ENGINE, engine);
        }
        return AppConfig.resolve(configFile, System.getenv(), flags).insight();
    }

    public SentimentScorer open() {
        InsightConfig config = config();
        return ModelLoader.sentiment(InsightApplication.modelSource(config),
                ModelLoader.SentimentEngine.of(config.sentimentEngine()));
    }
}
