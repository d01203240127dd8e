package io.customerinsight.scoring;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.customerinsight.events.EventSerdes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelSourceTest {
    @TempDir
    Path dir;

    private Path copyBundledChurnModel() throws Exception {
        Path churn = Files.createDirectories(dir.resolve("churn"));
        ModelSource bundled = ModelSource.bundled();
        Files.write(churn.resolve("card.json"), bundled.read("churn/card.json"));
        Files.write(churn.resolve("model.onnx"), bundled.read("churn/model.onnx"));
        return churn;
    }

    @Test
    void loadsAModelDirectoryWithAMatchingChecksum() throws Exception {
        copyBundledChurnModel();
        try (OnnxChurnScorer scorer = ModelLoader.churn(ModelSource.directory(dir))) {
            assertThat(scorer.name()).isEqualTo("churn-lgbm");
            assertThat(scorer.card().thresholds()).containsKeys("medium", "high");
        }
    }

    @Test
    void refusesAModelWhoseChecksumDoesNotMatchItsCard() throws Exception {
        Path churn = copyBundledChurnModel();
        byte[] onnx = Files.readAllBytes(churn.resolve("model.onnx"));
        onnx[onnx.length - 1] ^= 1;
        Files.write(churn.resolve("model.onnx"), onnx);
        assertThatThrownBy(() -> ModelLoader.churn(ModelSource.directory(dir)))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("checksum mismatch")
                .hasMessageContaining("Re-export the model");
    }

    @Test
    void refusesAModelTrainedOnAnotherFeatureSchema() throws Exception {
        Path churn = copyBundledChurnModel();
        ObjectNode card = (ObjectNode) EventSerdes.JSON.readTree(churn.resolve("card.json").toFile());
        card.put("featureSchemaVersion", "churn-features-v0");
        Files.write(churn.resolve("card.json"), EventSerdes.JSON.writeValueAsBytes(card));
        assertThatThrownBy(() -> ModelLoader.churn(ModelSource.directory(dir)))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("churn-features-v0")
                .hasMessageContaining("Retrain it");
    }

    @Test
    void namesTheMissingFile() {
        assertThatThrownBy(() -> ModelLoader.churn(ModelSource.directory(dir)))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("churn/card.json");
    }
}
