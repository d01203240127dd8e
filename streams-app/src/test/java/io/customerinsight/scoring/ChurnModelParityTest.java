package io.customerinsight.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import io.customerinsight.events.EventSerdes;
import io.customerinsight.features.FeatureSchema;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The bundled churn model, run by the app's scorer, reproduces the probabilities that model-export computed
 * with the native LightGBM model (golden file written by the same retrain), and the app's explanations
 * reproduce model-export's occlusion contributions.
 */
class ChurnModelParityTest {

    private static JsonNode golden() throws Exception {
        try (InputStream in = ChurnModelParityTest.class.getResourceAsStream("/golden/churn-golden.json")) {
            assertThat(in).as("golden file written by `python -m model_export retrain`").isNotNull();
            return EventSerdes.JSON.readTree(in);
        }
    }

    private static float[] features(JsonNode row) {
        float[] f = new float[FeatureSchema.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) row.get("features").get(i).asDouble();
        }
        return f;
    }

    @Test
    void onnxScorerReproducesNativeProbabilities() throws Exception {
        JsonNode rows = golden().get("rows");
        float[][] x = new float[rows.size()][];
        for (int i = 0; i < rows.size(); i++) {
            x[i] = features(rows.get(i));
        }
        try (OnnxChurnScorer scorer = ModelLoader.churn(ModelSource.bundled())) {
            double[] p = scorer.score(x);
            for (int i = 0; i < rows.size(); i++) {
                assertThat(p[i]).as("row %d", i).isCloseTo(rows.get(i).get("probability").asDouble(), within(1e-5));
            }
            // one row at a time gives the same as the batch
            assertThat(scorer.score(x[0])).isCloseTo(p[0], within(1e-7));
        }
    }

    @Test
    void explanationsMatchModelExportOcclusion() throws Exception {
        JsonNode rows = golden().get("rows");
        try (OnnxChurnScorer scorer = ModelLoader.churn(ModelSource.bundled())) {
            ChurnExplainer explainer = new ChurnExplainer(scorer, ModelLoader.baseline(scorer.card()));
            for (int i = 0; i < 10; i++) {
                JsonNode row = rows.get(i);
                List<TopFactor> top = explainer.explain(features(row), 3);
                List<Map.Entry<String, JsonNode>> expected = new ArrayList<>();
                row.get("contributions").fields().forEachRemaining(expected::add);
                assertThat(expected).as("golden contributions of row %d", i).isNotEmpty();
                expected.sort((a, b) -> Double.compare(b.getValue().asDouble(), a.getValue().asDouble()));
                for (int k = 0; k < Math.min(top.size(), expected.size()); k++) {
                    assertThat(top.get(k).contribution()).as("row %d factor %d", i, k)
                            .isCloseTo(expected.get(k).getValue().asDouble(), within(2e-4));
                }
                assertThat(top.get(0).feature()).isEqualTo(expected.get(0).getKey());
            }
        }
    }
}
