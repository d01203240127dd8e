package io.customerinsight.cli;

import io.customerinsight.app.InsightApplication;
import io.customerinsight.events.ComplaintTopic;
import io.customerinsight.events.EventSerdes;
import io.customerinsight.scoring.ComplaintTopicModel;
import io.customerinsight.scoring.EncoderChannels;
import io.customerinsight.scoring.FeedbackText;
import io.customerinsight.scoring.SentimentScorer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "score-text", mixinStandardHelpOptions = true,
        description = "Read feedback texts from stdin, one per line; print one JSON line of sentiment (and the topic, "
                + "when the model directory has complaint topics) per input.")
public final class ScoreTextCommand implements Callable<Integer> {
    @Mixin
    SentimentOptions sentiment;

    @Option(names = "--batch", defaultValue = "32", description = "texts scored per batch (default ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--channel", description = "the channel the texts came from (review, survey, support_ticket, chat, "
            + "social): with the cascade, those of insight.sentiment.encoder.channels go to the encoder path, as live")
    String channel;

    @Option(names = "--language", description = "the producer's language hint for every line (en, zh, es-MX...), "
            + "as the feedback field: it picks the model, and a hint of another language marks a text no model "
            + "reads, as live")
    String language;

    private int lineNumber;

    @Override
    public Integer call() throws Exception {
        try (SentimentScorer scorer = sentiment.open();
             ComplaintTopicModel topics = ComplaintTopicModel.load(
                     InsightApplication.modelSource(sentiment.config()));
             BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            List<String> pending = new ArrayList<>();
            String line;
            while ((line = in.readLine()) != null) {
                pending.add(line);
                if (pending.size() >= batch) {
                    print(scorer, topics, pending);
                }
            }
            print(scorer, topics, pending);
        }
        return 0;
    }

    /** Scores the texts as the live pipeline would for their channel. */
    private List<SentimentScorer.Sentiment> score(SentimentScorer scorer, List<String> texts) {
        EncoderChannels routing = EncoderChannels.parse(sentiment.config().sentimentEncoderChannels());
        List<Integer> byEncoder = new ArrayList<>();
        List<Integer> byCascade = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            (channel != null && routing.byEncoder(channel, texts.get(i), language) ? byEncoder : byCascade).add(i);
        }
        SentimentScorer.Sentiment[] out = new SentimentScorer.Sentiment[texts.size()];
        for (List<Integer> group : List.of(byEncoder, byCascade)) {
            if (group.isEmpty()) {
                continue;
            }
            List<String> chosen = group.stream().map(texts::get).toList();
            List<String> hints = Collections.nCopies(chosen.size(), language);
            List<SentimentScorer.Sentiment> scored = group == byEncoder ? scorer.scoreByEncoder(chosen, hints)
                    : scorer.score(chosen, hints);
            for (int j = 0; j < group.size(); j++) {
                out[group.get(j)] = scored.get(j);
            }
        }
        return List.of(out);
    }

    /** @param topics the complaint topic models, or null */
    private void print(SentimentScorer scorer, ComplaintTopicModel topics, List<String> lines) throws Exception {
        if (lines.isEmpty()) {
            return;
        }
        int maxChars = sentiment.config().maxTextChars();
        List<String> texts = new ArrayList<>();
        for (String l : lines) {
            texts.add(l.isBlank() ? " " : FeedbackText.truncate(l, maxChars));
        }
        List<SentimentScorer.Sentiment> results = score(scorer, texts);
        for (int i = 0; i < lines.size(); i++) {
            SentimentScorer.Sentiment s = results.get(i);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("line", ++lineNumber);
            row.put("score", Math.round(s.score() * 10_000) / 10_000.0);
            row.put("label", s.label());
            row.put("language", s.language());
            row.put("truncated", texts.get(i).length() < lines.get(i).length());
            row.put("model", scorer.name() + "/" + scorer.version());
            String unsupported = FeedbackText.unsupportedLanguage(texts.get(i), language);
            if (unsupported != null) {
                // what the models make of it is printed, but the app takes such a text only with a rating
                row.put("unsupportedLanguage", unsupported);
            }
            ComplaintTopic topic = topics == null ? null : topics.topic(texts.get(i), s.language());
            if (topic != null) {
                row.put("topic", topic);
            }
            System.out.println(EventSerdes.JSON.writeValueAsString(row));
        }
        System.out.flush();
        lines.clear();
    }
}
