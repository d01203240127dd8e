package io.customerinsight.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import io.customerinsight.events.EventSerdes;
import io.customerinsight.features.FeatureSchema;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bundled segment model, run by the app, assigns the clusters scikit-learn's KMeans assigned in
 * model-export (golden file written by the same training), and names each from its card.
 */
class SegmentModelTest {

    @Test
    void theAppAssignsTheClustersKMeansAssigned() throws Exception {
        JsonNode rows;
        try (InputStream in = getClass().getResourceAsStream("/golden/segments-golden.json")) {
            assertThat(in).as("golden file written by `python -m model_export segments`").isNotNull();
            rows = EventSerdes.JSON.readTree(in).get("rows");
        }
        float[][] x = new float[rows.size()][FeatureSchema.size()];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x[i].length; j++) {
                x[i][j] = (float) rows.get(i).get("features").get(j).asDouble();
            }
        }
        try (SegmentModel model = ModelLoader.segments(ModelSource.bundled())) {
            int[] clusters = model.assign(x);
            Set<Integer> seen = new HashSet<>();
            for (int i = 0; i < x.length; i++) {
                assertThat(clusters[i]).as("row %d", i).isEqualTo(rows.get(i).get("cluster").asInt());
                assertThat(model.name(clusters[i])).isNotBlank();
                seen.add(clusters[i]);
            }
            assertThat(seen).as("the golden rows fall in more than one cluster").hasSizeGreaterThan(1);
            assertThat(model.assign(new float[][] {x[3]})).containsExactly(clusters[3]);
        }
    }

    @Test
    void aModelDirectoryWithoutSegmentsHasNone(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        assertThat(ModelLoader.segments(ModelSource.directory(dir))).isNull();
    }
}
