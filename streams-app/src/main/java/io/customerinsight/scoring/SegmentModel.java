package io.customerinsight.scoring;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import io.customerinsight.features.FeatureSchema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Behavioural segments trained by model-export (KMeans on standardized features, exported to ONNX): the
 * graph takes the whole feature vector and returns each row's cluster; the card names every cluster.
 */
public final class SegmentModel implements AutoCloseable {
    public static final String CARD = "segments/card.json";
    private static final String OUTPUT = "cluster";

    private final ModelCard card;
    private final OrtSession session;
    private final String inputName;
    private final List<String> names;

    public SegmentModel(ModelSource.Loaded model) {
        this.card = model.card();
        if (!"segments".equals(card.kind())) {
            throw new ModelLoadException(CARD + " is of kind '" + card.kind() + "', expected 'segments'");
        }
        if (!FeatureSchema.VERSION.equals(card.featureSchemaVersion())) {
            throw new ModelLoadException("segment model " + card.name() + " was trained on "
                    + card.featureSchemaVersion() + " but this app computes " + FeatureSchema.VERSION
                    + ": retrain it with model-export");
        }
        this.names = names(card.clusters());
        try {
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(1);
            this.session = OrtEnvironment.getEnvironment().createSession(model.onnx(), options);
        } catch (OrtException e) {
            throw new ModelLoadException("cannot load segment model " + card.name() + ": " + e.getMessage(), e);
        }
        if (!session.getOutputNames().contains(OUTPUT)) {
            throw new ModelLoadException("segment model " + card.name() + " has no output '" + OUTPUT + "'");
        }
        this.inputName = card.inputName() != null ? card.inputName() : session.getInputNames().iterator().next();
    }

    private static List<String> names(JsonNode clusters) {
        if (clusters == null || !clusters.isArray() || clusters.isEmpty()) {
            throw new ModelLoadException(CARD + " must list its 'clusters' with their ids and names");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode c : clusters) {
            if (c.path("id").asInt(-1) != out.size() || !c.path("name").isTextual()) {
                throw new ModelLoadException(CARD + ": cluster " + out.size() + " needs 'id' " + out.size()
                        + " and a 'name'");
            }
            out.add(c.get("name").asText());
        }
        return List.copyOf(out);
    }

    /** The cluster of each feature vector, in one call. */
    public int[] assign(float[][] rows) {
        if (rows.length == 0) {
            return new int[0];
        }
        try (OnnxTensor input = RowTensors.of(rows);
             OrtSession.Result result = session.run(Map.of(inputName, input), Set.of(OUTPUT))) {
            long[] clusters = (long[]) result.get(OUTPUT).orElseThrow().getValue();
            int[] out = new int[clusters.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = (int) clusters[i];
            }
            return out;
        } catch (OrtException e) {
            throw new IllegalStateException("segment model " + card.name() + " failed: " + e.getMessage(), e);
        }
    }

    public String name(int cluster) {
        return names.get(cluster);
    }


    public ModelCard card() {
        return card;
    }

    public String version() {
        return card.version();
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException ignored) {
            // at shutdown
        }
    }
}
