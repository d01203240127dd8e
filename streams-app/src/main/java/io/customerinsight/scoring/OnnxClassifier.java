package io.customerinsight.scoring;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A small exported classifier (a sentiment head on embeddings, or a raw-text model) whose output is a
 * probability matrix, one column per label of its card.
 */
final class OnnxClassifier implements AutoCloseable {
    private final ModelCard card;
    private final OrtSession session;
    private final String inputName;
    private final String outputName;

    OnnxClassifier(ModelSource.Loaded model) {
        this.card = model.card();
        if (card.labels() == null || card.labels().isEmpty()) {
            throw new ModelLoadException("model card of " + card.name() + " must list its 'labels'");
        }
        try {
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(1);
            this.session = OrtEnvironment.getEnvironment().createSession(model.onnx(), options);
        } catch (OrtException e) {
            throw new ModelLoadException("cannot load model " + card.name() + ": " + e.getMessage(), e);
        }
        this.inputName = card.inputName() != null ? card.inputName() : session.getInputNames().iterator().next();
        this.outputName = card.outputName() != null ? card.outputName() : "probabilities";
        if (!session.getOutputNames().contains(outputName)) {
            throw new ModelLoadException("model " + card.name() + " has no output '" + outputName + "'; outputs are "
                    + session.getOutputNames());
        }
    }

    ModelCard card() {
        return card;
    }

    float[][] predict(float[][] inputs) {
        try (OnnxTensor tensor = RowTensors.of(inputs)) {
            return run(tensor);
        } catch (OrtException e) {
            throw new IllegalStateException("model " + card.name() + " failed: " + e.getMessage(), e);
        }
    }

    float[][] predictText(List<String> texts) {
        String[][] column = new String[texts.size()][1];
        for (int i = 0; i < texts.size(); i++) {
            column[i][0] = readableByNativeTokenizer(texts.get(i));
        }
        try (OnnxTensor tensor = OnnxTensor.createTensor(OrtEnvironment.getEnvironment(), column)) {
            return run(tensor);
        } catch (OrtException e) {
            throw new IllegalStateException("model " + card.name() + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * The text as ONNX Runtime's native tokenizer can take it. Its Java binding passes a string in the JVM's
     * modified UTF-8, where a character outside the basic plane (every emoji) is two encoded surrogates and
     * U+0000 two bytes, and the tokenizer refuses both as invalid UTF-8, failing the whole batch. Each such
     * character (and a lone surrogate) becomes U+FFFD. The bundled vocabularies hold neither it nor any emoji,
     * so they read one token they do not know where the emoji was, as in Python; model-export maps a business's
     * own texts the same way before adapting a model to them ({@code sentiment.as_the_app_reads}).
     */
    static String readableByNativeTokenizer(String text) {
        int i = 0;
        while (i < text.length() && text.charAt(i) != 0 && !Character.isSurrogate(text.charAt(i))) {
            i++;
        }
        if (i == text.length()) {
            return text;
        }
        StringBuilder readable = new StringBuilder(text.length()).append(text, 0, i);
        while (i < text.length()) {
            int codePoint = text.codePointAt(i);
            boolean refused = codePoint == 0 || codePoint > Character.MAX_VALUE
                    || Character.isSurrogate((char) codePoint);
            readable.appendCodePoint(refused ? 0xFFFD : codePoint);
            i += Character.charCount(codePoint);
        }
        return readable.toString();
    }

    private float[][] run(OnnxTensor input) throws OrtException {
        try (OrtSession.Result result = session.run(Map.of(inputName, input), Set.of(outputName))) {
            return (float[][]) result.get(outputName).orElseThrow().getValue();
        }
    }

    /** Sentiment in [-1, 1]: P(positive) - P(negative), from the label names of the card. */
    double sentiment(float[] probabilities) {
        List<String> labels = card.labels();
        int pos = labels.indexOf("positive");
        int neg = labels.indexOf("negative");
        return (pos < 0 ? 0 : probabilities[pos]) - (neg < 0 ? 0 : probabilities[neg]);
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
