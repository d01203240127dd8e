package io.customerinsight.tools;

import com.fasterxml.jackson.databind.JsonNode;
import io.customerinsight.config.InsightConfig;
import io.customerinsight.events.EventSerdes;
import io.customerinsight.scoring.BgeEncoder;
import io.customerinsight.scoring.FeedbackText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;

/**
 * Embeds texts with the app's own BGE encoder path and writes a NumPy {@code .npy} matrix, so that
 * model-export trains sentiment heads on exactly the embeddings the app computes when serving.
 */
@Command(name = "embed", mixinStandardHelpOptions = true,
        description = "Embed texts (JSON lines with a \"text\" field) with the BGE encoder; write a float32 .npy matrix.")
public final class EmbedCommand implements Callable<Integer> {
    @Option(names = "--input", required = true, description = "JSON lines, one object with \"text\" per line")
    Path input;

    @Option(names = "--output", required = true, description = ".npy file to write (rows in input order)")
    Path output;

    @Option(names = "--language", required = true, description = "en or zh: which encoder to use")
    String language;

    @Option(names = "--batch", defaultValue = "32", description = "texts per batch (default ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--max-tokens", defaultValue = "256", description = "tokens kept per text (default ${DEFAULT-VALUE})")
    int maxTokens;

    @Option(names = "--max-chars", description = "texts are cut to this length first, as when serving "
            + "(default: insight.text.max.chars's default)")
    Integer maxChars;

    @Override
    public Integer call() throws Exception {
        int cut = maxChars != null ? maxChars : InsightConfig.defaults().maxTextChars();
        List<String> texts = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(input, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (!line.isBlank()) {
                    JsonNode node = EventSerdes.JSON.readTree(line);
                    texts.add(FeedbackText.truncate(node.path("text").asText(" "), cut));
                }
            }
        }
        // Batch texts of similar length together: less padding, faster, and closer to unbatched embeddings.
        Integer[] order = IntStream.range(0, texts.size()).boxed().toArray(Integer[]::new);
        java.util.Arrays.sort(order, Comparator.comparingInt(i -> texts.get(i).length()));
        float[][] embeddings = new float[texts.size()][];
        long started = System.nanoTime();
        try (BgeEncoder encoder = BgeEncoder.forLanguage(language, maxTokens, Runtime.getRuntime().availableProcessors())) {
            for (int from = 0; from < order.length; from += batch) {
                int to = Math.min(order.length, from + batch);
                List<String> chunk = new ArrayList<>();
                for (int k = from; k < to; k++) {
                    chunk.add(texts.get(order[k]));
                }
                float[][] e = encoder.embed(chunk);
                for (int k = from; k < to; k++) {
                    embeddings[order[k]] = e[k - from];
                }
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        writeNpy(output, embeddings, embeddings.length == 0 ? 0 : embeddings[0].length);
        System.out.printf("embedded %d texts in %.1f s (%.0f texts/s) with bge-small-%s -> %s%n", texts.size(),
                seconds, texts.size() / Math.max(seconds, 1e-9), language, output);
        return 0;
    }

    static void writeNpy(Path path, float[][] rows, int dim) throws IOException {
        String header = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + rows.length + ", " + dim + "), }";
        int unpadded = 10 + header.length() + 1;
        int padded = (unpadded + 63) / 64 * 64;
        header = header + " ".repeat(padded - unpadded) + "\n";
        try (OutputStream file = Files.newOutputStream(path);
             DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(file, 1 << 16))) {
            out.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
            out.write(ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN).putShort((short) header.length()).array());
            out.write(header.getBytes(StandardCharsets.US_ASCII));
            ByteBuffer row = ByteBuffer.allocate(dim * 4).order(ByteOrder.LITTLE_ENDIAN);
            for (float[] r : rows) {
                row.clear();
                for (float v : r) {
                    row.putFloat(v);
                }
                out.write(row.array());
            }
        }
    }
}
