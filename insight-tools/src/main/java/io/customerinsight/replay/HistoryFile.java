package io.customerinsight.replay;

import io.customerinsight.events.ClickEvent;
import io.customerinsight.events.ContractLimits;
import io.customerinsight.events.EventParser;
import io.customerinsight.events.FeedbackEvent;
import io.customerinsight.events.InvalidEventException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * Reads a history file: JSON lines, each a clickstream event or a feedback event (a line with a
 * {@code feedbackId} is feedback) in the contract's format. Invalid lines are counted and skipped, as the
 * live pipeline would dead-letter them.
 */
public final class HistoryFile {
    public record Stats(long clicks, long feedback, long invalid) {
    }

    private HistoryFile() {
    }

    /** A line of a history file as written, and whether it is feedback (it has a {@code feedbackId}). */
    public record Line(byte[] value, boolean feedback) {
    }

    /** Reads a history file line by line, blank lines skipped; an I/O failure inside the callback propagates. */
    public interface LineHandler {
        void accept(Line line) throws IOException;
    }

    /** A file whose name ends in {@code .gz} is read as gzip, as histories are often kept. */
    public static void lines(Path path, LineHandler each) throws IOException {
        InputStream raw = Files.newInputStream(path);
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                path.toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (!line.isBlank()) {
                    each.accept(new Line(line.getBytes(StandardCharsets.UTF_8), line.contains("\"feedbackId\"")));
                }
            }
        }
    }

    /** What a line of a history holds, parsed by the contract's rules. */
    public interface EventHandler {
        void click(ClickEvent click, Line line) throws IOException;

        void feedback(FeedbackEvent feedback, Line line) throws IOException;

        /** A line the contract refuses, as the live pipeline would dead-letter it. */
        void refused(Line line) throws IOException;
    }

    /** Reads a history file event by event; the counts of what it held. */
    public static Stats events(Path path, EventHandler each) throws IOException {
        EventParser parser = new EventParser(ContractLimits.defaults());
        long[] counts = new long[3];
        lines(path, line -> {
            ClickEvent click = null;
            FeedbackEvent feedback = null;
            try {
                if (line.feedback()) {
                    feedback = parser.parseFeedback(line.value());
                } else {
                    click = parser.parseClick(line.value());
                }
            } catch (InvalidEventException e) {
                counts[2]++;
                each.refused(line);
                return;
            }
            if (click != null) {
                counts[0]++;
                each.click(click, line);
            } else {
                counts[1]++;
                each.feedback(feedback, line);
            }
        });
        return new Stats(counts[0], counts[1], counts[2]);
    }

    /** The valid events of a history file; invalid lines are counted and skipped. */
    public static Stats read(Path path, Consumer<ClickEvent> clicks, Consumer<FeedbackEvent> feedback) throws IOException {
        return events(path, new EventHandler() {
            @Override
            public void click(ClickEvent click, Line line) {
                clicks.accept(click);
            }

            @Override
            public void feedback(FeedbackEvent f, Line line) {
                feedback.accept(f);
            }

            @Override
            public void refused(Line line) {
            }
        });
    }
}
