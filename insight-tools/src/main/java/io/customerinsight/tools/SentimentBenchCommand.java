package io.customerinsight.tools;

import ai.onnxruntime.OrtSession;
import io.customerinsight.app.InsightApplication;
import io.customerinsight.cli.SentimentOptions;
import io.customerinsight.config.InsightConfig;
import io.customerinsight.scoring.BgeEncoder;
import io.customerinsight.scoring.CascadeSentimentScorer;
import io.customerinsight.scoring.EncoderSentimentScorer;
import io.customerinsight.scoring.FeedbackText;
import io.customerinsight.scoring.ModelLoader;
import io.customerinsight.scoring.SentimentScorer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * The sentiment scorer alone, outside the pipeline: texts per second, where the encoder's time goes
 * (tokenizer, ONNX session, pooling, head) and, for labelled texts, accuracy; with the session's settings,
 * the batch size, length-bucketed batches and the truncation as options, to compare them on the same texts.
 */
@Command(name = "sentiment-bench", mixinStandardHelpOptions = true,
        description = {"Time the sentiment scorer alone on a file of texts (TSV: label, language, text; label",
                "negative or positive, or empty; language en, zh or empty), and report accuracy where labelled."})
public final class SentimentBenchCommand implements Callable<Integer> {
    @Option(names = "--texts", required = true, description = "the TSV file of texts")
    Path texts;

    @Mixin
    SentimentOptions sentiment;

    @Option(names = "--batch", defaultValue = "1", description = "texts per model call (default ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--bucketed", description = "sort texts by length before batching, so that a batch pads little")
    boolean bucketed;

    @Option(names = "--threads", defaultValue = "1", description = "ONNX Runtime intra-op threads per encoder (default ${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--optimization", defaultValue = "ALL_OPT",
            description = "graph optimization: NO_OPT, BASIC_OPT, EXTENDED_OPT, ALL_OPT (default ${DEFAULT-VALUE})")
    OrtSession.SessionOptions.OptLevel optimization;

    @Option(names = "--mode", defaultValue = "SEQUENTIAL", description = "execution mode: SEQUENTIAL or PARALLEL (default ${DEFAULT-VALUE})")
    OrtSession.SessionOptions.ExecutionMode mode;

    @Option(names = "--max-tokens", description = "cut texts to this many tokens (default: the heads' cards)")
    Integer maxTokens;

    @Option(names = "--callers", defaultValue = "1",
            description = "threads calling the one scorer at once, each on its share of the texts, as a pipeline's "
                    + "stream threads share it (default ${DEFAULT-VALUE})")
    int callers;

    @Option(names = "--rounds", defaultValue = "3", description = "passes over the texts; the first warms up, the fastest other counts (default ${DEFAULT-VALUE})")
    int rounds;

    record Row(String label, String language, String text) {
    }

    @Override
    public Integer call() throws Exception {
        List<Row> rows = read(texts);
        InsightConfig config = sentiment.config();
        boolean encoder = ModelLoader.SentimentEngine.of(config.sentimentEngine()) == ModelLoader.SentimentEngine.ENCODER;
        SentimentScorer scorer = encoder
                ? new EncoderSentimentScorer(InsightApplication.modelSource(config), maxTokens,
                        new BgeEncoder.SessionSettings(threads, optimization, mode))
                : ModelLoader.sentiment(InsightApplication.modelSource(config),
                        ModelLoader.SentimentEngine.of(config.sentimentEngine()));
        try (scorer) {
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                order.add(i);
            }
            if (bucketed) {
                order.sort(Comparator.comparing((Integer i) -> FeedbackText.language(rows.get(i).text(),
                        rows.get(i).language())).thenComparingInt(i -> rows.get(i).text().length()));
            }
            int maxChars = config.maxTextChars();
            String[] labels = new String[rows.size()];
            double best = 0;
            long[] phasesBefore = new long[5];
            long[] phasesOfBest = new long[5];
            for (int round = 0; round < rounds; round++) {
                long[] before = phases(scorer);
                long started = System.nanoTime();
                scoreAll(scorer, rows, order, labels, maxChars);
                double rate = rows.size() / ((System.nanoTime() - started) / 1e9);
                long[] after = phases(scorer);
                System.out.printf(Locale.ROOT, "round %d: %,.0f texts/s%n", round + 1, rate);
                if (round > 0 || rounds == 1) {
                    if (rate > best) {
                        best = rate;
                        phasesBefore = before;
                        phasesOfBest = after;
                    }
                }
            }
            report(scorer, rows, labels, best, phasesBefore, phasesOfBest, encoder);
        }
        languageCheck(rows, config.maxTextChars());
        return 0;
    }

    /**
     * Times what the pipeline does to each text before a model sees it, telling the languages no model reads
     * ({@link FeedbackText#unsupportedLanguage}: the script, and a language detector for Latin letters), with
     * each row's language as the producer's hint; the fastest of the rounds counts.
     */
    private void languageCheck(List<Row> rows, int maxChars) {
        double best = Double.MAX_VALUE;
        java.util.Map<String, Integer> unsupported = new java.util.TreeMap<>();
        for (int round = 0; round < Math.max(2, rounds); round++) {
            unsupported.clear();
            long started = System.nanoTime();
            for (Row r : rows) {
                String language = FeedbackText.unsupportedLanguage(FeedbackText.truncate(r.text(), maxChars),
                        r.language());
                if (language != null) {
                    unsupported.merge(language, 1, Integer::sum);
                }
            }
            best = Math.min(best, (System.nanoTime() - started) / 1e3 / rows.size());
        }
        System.out.printf(Locale.ROOT, "language check before scoring: %.1f us/text; texts no model reads: %s%n",
                best, unsupported.isEmpty() ? "none" : unsupported);
    }

    /** Scores every text, on {@code --callers} threads that each take every n-th batch. */
    private void scoreAll(SentimentScorer scorer, List<Row> rows, List<Integer> order, String[] labels, int maxChars)
            throws Exception {
        List<java.util.concurrent.Callable<Void>> work = new ArrayList<>();
        for (int caller = 0; caller < callers; caller++) {
            int first = caller * batch;
            work.add(() -> {
                for (int from = first; from < order.size(); from += batch * callers) {
                    List<Integer> chunk = order.subList(from, Math.min(order.size(), from + batch));
                    List<String> textChunk = chunk.stream()
                            .map(i -> FeedbackText.truncate(rows.get(i).text(), maxChars)).toList();
                    List<String> languages = chunk.stream().map(i -> rows.get(i).language()).toList();
                    List<SentimentScorer.Sentiment> scores = scorer.score(textChunk, languages);
                    for (int j = 0; j < chunk.size(); j++) {
                        // the sign of the score, as the cards' accuracy takes the more probable class
                        labels[chunk.get(j)] = scores.get(j).score() >= 0 ? "positive" : "negative";
                    }
                }
                return null;
            });
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(callers);
        try {
            for (java.util.concurrent.Future<Void> done : pool.invokeAll(work)) {
                done.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    /** tokenize, encode, pool, head nanos and token positions so far, summed over both languages. */
    private static long[] phases(SentimentScorer scorer) {
        long[] out = new long[5];
        if (scorer instanceof EncoderSentimentScorer e) {
            for (BgeEncoder.Phases p : e.encoderPhases().values()) {
                out[0] += p.tokenizeNanos();
                out[1] += p.encodeNanos();
                out[2] += p.poolNanos();
                out[4] += p.tokens();
            }
            out[3] = e.headNanos();
        }
        return out;
    }

    private void report(SentimentScorer scorer, List<Row> rows, String[] labels, double rate, long[] before, long[] after,
                        boolean encoder) {
        System.out.printf(Locale.ROOT, "%s, batch %d%s, %d thread(s), %s, %s, max tokens %s, %d caller(s): %,.0f "
                        + "texts/s%n", sentiment.config().sentimentEngine(), batch, bucketed ? " bucketed" : "", threads,
                optimization, mode, maxTokens == null ? "card" : maxTokens, callers, rate);
        if (encoder) {
            double total = 0;
            for (int i = 0; i < 4; i++) {
                total += after[i] - before[i];
            }
            String[] names = {"tokenize", "encode", "pool", "head"};
            StringBuilder sb = new StringBuilder("time per text:");
            for (int i = 0; i < 4; i++) {
                sb.append(String.format(Locale.ROOT, " %s %.3f ms (%.0f%%)", names[i],
                        (after[i] - before[i]) / 1e6 / rows.size(), 100 * (after[i] - before[i]) / total));
            }
            System.out.println(sb);
            System.out.printf(Locale.ROOT, "token positions per text (padding included): %.1f%n",
                    (after[4] - before[4]) / (double) rows.size());
        }
        if (scorer instanceof CascadeSentimentScorer cascade) {
            System.out.printf(Locale.ROOT, "texts decided by the encoder: %.1f%%%n", 100 * cascade.escalatedShare());
        }
        for (String language : List.of("en", "zh", "all")) {
            int labelled = 0;
            int right = 0;
            for (int i = 0; i < rows.size(); i++) {
                Row r = rows.get(i);
                boolean inLanguage = language.equals("all")
                        || FeedbackText.language(r.text(), r.language()).equals(language);
                if (inLanguage && !r.label().isEmpty()) {
                    labelled++;
                    right += r.label().equals(labels[i]) ? 1 : 0;
                }
            }
            if (labelled > 0) {
                System.out.printf(Locale.ROOT, "accuracy %s: %.4f on %d labelled texts%n", language,
                        right / (double) labelled, labelled);
            }
        }
    }

    static List<Row> read(Path file) throws Exception {
        List<Row> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] parts = line.split("\t", 3);
            if (parts.length == 3 && !parts[2].isBlank()) {
                rows.add(new Row(parts[0].trim(), parts[1].trim().isEmpty() ? null : parts[1].trim(), parts[2]));
            }
        }
        return rows;
    }
}
