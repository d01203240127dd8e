package io.customerinsight.replay;

import io.customerinsight.events.ClickEvent;
import io.customerinsight.events.ContractLimits;
import io.customerinsight.events.EventParser;
import io.customerinsight.events.FeedbackEvent;
import io.customerinsight.events.InvalidEventException;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

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

    public static Stats read(Path path, Consumer<ClickEvent> clicks, Consumer<FeedbackEvent> feedback) throws IOException {
        EventParser parser = new EventParser(ContractLimits.defaults());
        long c = 0;
        long f = 0;
        long bad = 0;
        try (BufferedReader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
                try {
                    if (line.contains("\"feedbackId\"")) {
                        feedback.accept(parser.parseFeedback(bytes));
                        f++;
                    } else {
                        clicks.accept(parser.parseClick(bytes));
                        c++;
                    }
                } catch (InvalidEventException e) {
                    bad++;
                }
            }
        }
        return new Stats(c, f, bad);
    }
}
