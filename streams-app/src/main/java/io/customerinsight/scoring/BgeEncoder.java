package io.customerinsight.scoring;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * A BGE-small sentence encoder (quantized ONNX), read from the langchain4j model jars on the classpath and
 * run directly with ONNX Runtime; tokenized with the Hugging Face tokenizer through DJL (no network).
 * Embeddings are the [CLS] vector, L2-normalised, as BGE prescribes (384 values for English, 512 for Chinese). model-export trains its heads on
 * embeddings from this very class (the {@code embed} command), so training and serving share one path.
 */
public final class BgeEncoder implements AutoCloseable {
    /**
     * How the ONNX Runtime session runs: intra-op threads, graph optimization level and execution mode. The
     * pipeline uses {@link #PIPELINE}: one thread per session, as the stream threads give the parallelism.
     */
    public record SessionSettings(int threads, OrtSession.SessionOptions.OptLevel optimization,
                                  OrtSession.SessionOptions.ExecutionMode mode) {
        public static final SessionSettings PIPELINE = new SessionSettings(1,
                OrtSession.SessionOptions.OptLevel.ALL_OPT, OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
    }

    /**
     * Where an encoder's time went, in nanoseconds summed over every call: what the sentiment bench reports.
     * Adders, as the stream threads share one encoder.
     */
    public static final class Phases {
        final LongAdder tokenize = new LongAdder();
        final LongAdder encode = new LongAdder();
        final LongAdder pool = new LongAdder();
        final LongAdder tokens = new LongAdder();

        public long tokenizeNanos() {
            return tokenize.sum();
        }

        public long encodeNanos() {
            return encode.sum();
        }

        public long poolNanos() {
            return pool.sum();
        }

        /** Token positions fed to the model, padding included. */
        public long tokens() {
            return tokens.sum();
        }
    }

    private final String name;
    private final HuggingFaceTokenizer tokenizer;
    private final OrtSession session;
    private final boolean needsTokenTypes;
    private final Phases phases = new Phases();

    private BgeEncoder(String name, HuggingFaceTokenizer tokenizer, OrtSession session) {
        this.name = name;
        this.tokenizer = tokenizer;
        this.session = session;
        this.needsTokenTypes = session.getInputNames().contains("token_type_ids");
    }

    /** An encoder as the pipeline runs it ({@link SessionSettings#PIPELINE}). */
    public static BgeEncoder forLanguage(String language, int maxTokens) {
        return forLanguage(language, maxTokens, SessionSettings.PIPELINE);
    }

    /** @param language {@code en} or {@code zh}; @param threads ONNX Runtime intra-op threads */
    public static BgeEncoder forLanguage(String language, int maxTokens, int threads) {
        return forLanguage(language, maxTokens, new SessionSettings(threads,
                SessionSettings.PIPELINE.optimization(), SessionSettings.PIPELINE.mode()));
    }

    /** @param language {@code en} or {@code zh} */
    public static BgeEncoder forLanguage(String language, int maxTokens, SessionSettings settings) {
        String base = switch (language) {
            case "en" -> "bge-small-en-v1.5-q";
            case "zh" -> "bge-small-zh-v1.5-q";
            default -> throw new IllegalArgumentException("no BGE encoder for language " + language);
        };
        try (InputStream onnx = resource("/" + base + ".onnx");
             InputStream tokenizerJson = resource("/" + base + "-tokenizer.json")) {
            Map<String, String> options = new HashMap<>();
            options.put("maxLength", Integer.toString(maxTokens));
            options.put("truncation", "true");
            options.put("padding", "true");
            HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(tokenizerJson, options);
            OrtSession.SessionOptions sessionOptions = new OrtSession.SessionOptions();
            sessionOptions.setIntraOpNumThreads(settings.threads());
            sessionOptions.setOptimizationLevel(settings.optimization());
            sessionOptions.setExecutionMode(settings.mode());
            OrtSession session = OrtEnvironment.getEnvironment().createSession(onnx.readAllBytes(), sessionOptions);
            return new BgeEncoder(base, tokenizer, session);
        } catch (IOException | OrtException e) {
            throw new ModelLoadException("cannot load the " + base + " encoder: " + e.getMessage(), e);
        }
    }

    private static InputStream resource(String path) {
        InputStream in = BgeEncoder.class.getResourceAsStream(path);
        if (in == null) {
            throw new ModelLoadException(path + " is not on the classpath: the langchain4j-embeddings-bge-small-*"
                    + " jars must be on the classpath (they are bundled in streams-app.jar)");
        }
        return in;
    }

    public String name() {
        return name;
    }

    public Phases phases() {
        return phases;
    }

    /** One L2-normalised embedding per text; texts are encoded in one padded batch. */
    public float[][] embed(List<String> texts) {
        long started = System.nanoTime();
        Encoding[] encodings = tokenizer.batchEncode(texts);
        int n = encodings.length;
        int len = encodings[0].getIds().length;
        phases.tokens.add((long) n * len);
        long[][] ids = new long[n][];
        long[][] mask = new long[n][];
        long[][] types = new long[n][];
        for (int i = 0; i < n; i++) {
            ids[i] = encodings[i].getIds();
            mask[i] = encodings[i].getAttentionMask();
            types[i] = new long[len];
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OnnxTensor idTensor = OnnxTensor.createTensor(env, ids);
             OnnxTensor maskTensor = OnnxTensor.createTensor(env, mask);
             OnnxTensor typeTensor = OnnxTensor.createTensor(env, types)) {
            Map<String, OnnxTensor> inputs = new HashMap<>();
            inputs.put("input_ids", idTensor);
            inputs.put("attention_mask", maskTensor);
            if (needsTokenTypes) {
                inputs.put("token_type_ids", typeTensor);
            }
            long tokenized = System.nanoTime();
            phases.tokenize.add(tokenized - started);
            try (OrtSession.Result result = session.run(inputs)) {
                long encoded = System.nanoTime();
                phases.encode.add(encoded - tokenized);
                float[][][] hidden = (float[][][]) result.get(0).getValue();
                float[][] out = new float[n][];
                for (int i = 0; i < n; i++) {
                    out[i] = normalise(hidden[i][0]);
                }
                phases.pool.add(System.nanoTime() - encoded);
                return out;
            }
        } catch (OrtException e) {
            throw new IllegalStateException("encoder " + name + " failed: " + e.getMessage(), e);
        }
    }

    private static float[] normalise(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        float scale = (float) (1 / Math.max(1e-12, Math.sqrt(norm)));
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] * scale;
        }
        return out;
    }

    @Override
    public void close() {
        tokenizer.close();
        try {
            session.close();
        } catch (OrtException ignored) {
            // at shutdown
        }
    }
}
