package io.customerinsight.tools;

import io.customerinsight.cli.SentimentOptions;
import io.customerinsight.config.Durations;
import io.customerinsight.events.EventSerdes;
import io.customerinsight.events.FeedbackEvent;
import io.customerinsight.events.InvalidEventException;
import io.customerinsight.events.ScoredFeedback;
import io.customerinsight.features.FeatureSchema;
import io.customerinsight.replay.ChurnLabels;
import io.customerinsight.replay.FeatureReplay;
import io.customerinsight.replay.HistoryFile;
import io.customerinsight.scoring.FeedbackText;
import io.customerinsight.scoring.RatingSentiment;
import io.customerinsight.scoring.EncoderChannels;
import io.customerinsight.scoring.SentimentScorer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Run the live feature code over a history file (JSON lines of clickstream and feedback events)",
                "and write point-in-time feature rows with churn labels (CSV) for training."})
public final class ReplayCommand implements Callable<Integer> {
    @Option(names = "--input", required = true, description = "history, JSON lines in the event contract's format")
    Path input;

    @Option(names = "--output", required = true, description = "CSV of feature rows; <output>.meta.json is written beside it")
    Path output;

    @Option(names = "--cutoff-every", defaultValue = "7d", description = "time between cutoffs (default ${DEFAULT-VALUE})")
    String cutoffEvery;

    @Option(names = "--warmup", defaultValue = "30d", description = "no cutoff before this much history (default ${DEFAULT-VALUE})")
    String warmup;

    @Option(names = "--horizon", defaultValue = "30d", description = "churn horizon after a cutoff (default ${DEFAULT-VALUE})")
    String horizon;

    @Option(names = "--label-activity", defaultValue = "session",
            description = "activity that counts as staying: session (any event) or purchase (default ${DEFAULT-VALUE})")
    String labelActivity;

    @Option(names = "--active-within",
            description = {"a customer is sampled at a cutoff only if active this recently (default: the horizon);",
                    "the app judges no longer silence (its card's activeWithin)"})
    String activeWithin;

    @Mixin
    SentimentOptions sentiment;

    @Override
    public Integer call() throws Exception {
        ChurnLabels labels = new ChurnLabels(ChurnLabels.Activity.valueOf(labelActivity.toUpperCase(Locale.ROOT)));
        FeatureReplay replay = new FeatureReplay();
        List<FeedbackEvent> feedback = new ArrayList<>();
        long[] range = {Long.MAX_VALUE, Long.MIN_VALUE};
        HistoryFile.Stats stats = HistoryFile.read(input, click -> {
            labels.observe(click);
            replay.add(click);
            range[0] = Math.min(range[0], click.timestamp());
            range[1] = Math.max(range[1], click.timestamp());
        }, feedback::add);
        int unsupported = scoreFeedback(feedback, replay);

        long step = Durations.parse(cutoffEvery).toMillis();
        long horizonMs = Durations.parse(horizon).toMillis();
        if (activeWithin == null) {
            activeWithin = horizon; // a customer silent for longer has churned by the label already
        }
        long activeMs = Durations.parse(activeWithin).toMillis();
        long rows = 0;
        long positives = 0;
        try (BufferedWriter out = Files.newBufferedWriter(output)) {
            out.write("customer_id,cutoff," + String.join(",", FeatureSchema.NAMES) + ",churned\n");
            for (long cutoff = range[0] + Durations.parse(warmup).toMillis(); cutoff + horizonMs <= range[1];
                 cutoff += step) {
                long[] counts = new long[2];
                replay.snapshot(cutoff, (id, c, features, activity) -> {
                    if (activity.lastActivity() < c - activeMs || labels.cancelledBy(id, c)) {
                        return;
                    }
                    boolean churned = labels.churned(id, c, horizonMs);
                    writeRow(out, id, c, features, churned);
                    counts[0]++;
                    counts[1] += churned ? 1 : 0;
                });
                rows += counts[0];
                positives += counts[1];
            }
        }
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("featureSchemaVersion", FeatureSchema.VERSION);
        meta.put("features", FeatureSchema.NAMES);
        meta.put("input", input.getFileName().toString());
        meta.put("clicks", stats.clicks());
        meta.put("feedback", stats.feedback());
        meta.put("invalidLines", stats.invalid());
        meta.put("feedbackInUnsupportedLanguages", unsupported);
        meta.put("customers", replay.customers());
        meta.put("rows", rows);
        meta.put("churnedRows", positives);
        meta.put("label", Map.of("activity", labelActivity, "horizon", horizon, "cutoffEvery", cutoffEvery,
                "warmup", warmup, "activeWithin", activeWithin));
        Files.writeString(Path.of(output + ".meta.json"),
                EventSerdes.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(meta));
        System.out.printf("replayed %d clicks and %d feedback (%d invalid lines) for %d customers: %d rows, %.1f%% churned -> %s%n",
                stats.clicks(), stats.feedback(), stats.invalid(), replay.customers(), rows,
                rows == 0 ? 0 : 100.0 * positives / rows, output);
        return 0;
    }

    /**
     * Scores feedback as the app does: a rating without text, or with a text in a language no model reads, by
     * its rating; such a text without a rating is left out, as the app dead-letters it.
     *
     * @return how many messages were left out for their language
     */
    private int scoreFeedback(List<FeedbackEvent> all, FeatureReplay replay) {
        int maxChars = sentiment.config().maxTextChars();
        List<FeedbackEvent> feedback = new ArrayList<>();
        int unsupported = 0;
        for (FeedbackEvent f : all) {
            try {
                ScoredFeedback rated = RatingSentiment.insteadOfTextModels(f, maxChars);
                if (rated != null) {
                    replay.add(rated);
                } else {
                    feedback.add(f);
                }
            } catch (InvalidEventException e) {
                unsupported++; // the app dead-letters it
            }
        }
        if (feedback.isEmpty()) {
            return unsupported;
        }
        // the same channels go to the encoder path as live
        EncoderChannels routing = EncoderChannels.parse(sentiment.config().sentimentEncoderChannels());
        Map<Boolean, List<FeedbackEvent>> byEncoder = feedback.stream().collect(Collectors.partitioningBy(
                f -> routing.byEncoder(f.channel(), FeedbackText.truncate(f.text(), maxChars), f.language())));
        try (SentimentScorer scorer = sentiment.open()) {
            for (boolean encoder : List.of(false, true)) {
                scoreInBatches(byEncoder.get(encoder), scorer, encoder, maxChars, replay);
            }
        }
        return unsupported;
    }

    private static void scoreInBatches(List<FeedbackEvent> feedback, SentimentScorer scorer, boolean byEncoder,
                                       int maxChars, FeatureReplay replay) {
        int batch = 32;
        for (int from = 0; from < feedback.size(); from += batch) {
            List<FeedbackEvent> chunk = feedback.subList(from, Math.min(feedback.size(), from + batch));
            List<String> texts = chunk.stream().map(f -> FeedbackText.truncate(f.text(), maxChars)).toList();
            List<String> langs = chunk.stream().map(FeedbackEvent::language).toList();
            List<SentimentScorer.Sentiment> scores = byEncoder ? scorer.scoreByEncoder(texts, langs)
                    : scorer.score(texts, langs);
            for (int i = 0; i < chunk.size(); i++) {
                FeedbackEvent f = chunk.get(i);
                SentimentScorer.Sentiment s = scores.get(i);
                replay.add(new ScoredFeedback(f.feedbackId(), f.customerId(), f.timestamp(), f.channel(), f.rating(),
                        s.language(), s.score(), s.label(), texts.get(i).length() < f.text().length(),
                        scorer.name(), scorer.version()));
            }
        }
    }

    private static void writeRow(BufferedWriter out, String id, long cutoff, float[] features, boolean churned) {
        try {
            StringBuilder sb = new StringBuilder(256).append(id).append(',').append(cutoff);
            for (float f : features) {
                sb.append(',').append(f);
            }
            out.write(sb.append(',').append(churned ? 1 : 0).append('\n').toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
