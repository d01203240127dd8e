package io.customerinsight.scoring;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.customerinsight.features.FeatureSchema;

import java.nio.FloatBuffer;
import java.util.Map;

/**
 * Runs the churn model exported by model-export. The card must name the feature schema this build
 * computes, with the same features in the same order; otherwise the model is refused at start-up.
 */
public final class OnnxChurnScorer implements ChurnScorer {
    private final ModelCard card;
    private final OrtSession session;
    private final String inputName;
    private final String outputName;

    public OnnxChurnScorer(ModelSource.Loaded model) {
        this.card = model.card();
        checkSchema(card);
        try {
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            this.session = env.createSession(model.onnx(), options);
        } catch (OrtException e) {
            throw new ModelLoadException("cannot load churn model " + card.name() + ": " + e.getMessage(), e);
        }
        this.inputName = card.inputName() != null ? card.inputName() : session.getInputNames().iterator().next();
        this.outputName = card.outputName() != null ? card.outputName() : "probabilities";
        if (!session.getOutputNames().contains(outputName)) {
            throw new ModelLoadException("churn model " + card.name() + " has no output '" + outputName
                    + "'; outputs are " + session.getOutputNames());
        }
    }

    static void checkSchema(ModelCard card) {
        if (!"churn".equals(card.kind())) {
            throw new ModelLoadException("model " + card.name() + " is a '" + card.kind() + "' model, not a churn model");
        }
        if (!FeatureSchema.VERSION.equals(card.featureSchemaVersion())) {
            throw new ModelLoadException("churn model " + card.name() + " " + card.version()
                    + " was trained on feature schema '" + card.featureSchemaVersion() + "' but this build computes '"
                    + FeatureSchema.VERSION + "'. Retrain it with model-export against this version of the app.");
        }
        if (card.features() == null || !card.features().equals(FeatureSchema.NAMES)) {
            throw new ModelLoadException("churn model " + card.name() + " lists features " + card.features()
                    + " which differ from " + FeatureSchema.VERSION + " " + FeatureSchema.NAMES);
        }
    }

    @Override
    public ModelCard card() {
        return card;
    }

    @Override
    public String name() {
        return card.name();
    }

    @Override
    public String version() {
        return card.version();
    }

    @Override
    public double[] score(float[][] rows) {
        try (OnnxTensor input = RowTensors.of(rows);
             OrtSession.Result result = session.run(Map.of(inputName, input), java.util.Set.of(outputName))) {
            OnnxTensor value = (OnnxTensor) result.get(outputName).orElseThrow();
            long[] shape = value.getInfo().getShape();
            int classes = (int) shape[shape.length - 1];
            FloatBuffer probabilities = value.getFloatBuffer();
            double[] out = new double[rows.length];
            for (int i = 0; i < rows.length; i++) {
                out[i] = probabilities.get(i * classes + classes - 1); // the last class is "churns"
            }
            return out;
        } catch (OrtException e) {
            throw new IllegalStateException("churn model " + card.name() + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException ignored) {
            // closing twice or at shutdown
        }
    }
}
