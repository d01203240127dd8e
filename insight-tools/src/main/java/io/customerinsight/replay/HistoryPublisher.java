package io.customerinsight.replay;

import io.customerinsight.events.ClickEvent;
import io.customerinsight.events.FeedbackEvent;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Publishes a history file (JSON lines of the event contract, as {@code import-orders} writes them) to the
 * input topics as a user's producer would: each line as it is, keyed by its customer id, with its event time as
 * the record's time; a line with a {@code feedbackId} goes to the feedback topic. A line the contract refuses
 * is published too, without a key, so that the pipeline dead-letters it with its reason, as it would live.
 */
public final class HistoryPublisher {
    /** Where a line goes: the feedback topic or the clickstream; a null key or time for a refused line. */
    @FunctionalInterface
    public interface Sink {
        void send(boolean feedback, String key, Long timestamp, byte[] value);
    }

    /** @param firstCustomer the customer of the first valid line, or null */
    public record Published(long clicks, long feedback, long refused, String firstCustomer) {
    }

    private HistoryPublisher() {
    }

    public static Published publish(Path history, Sink sink) throws IOException {
        String[] first = new String[1];
        HistoryFile.Stats stats = HistoryFile.events(history, new HistoryFile.EventHandler() {
            @Override
            public void click(ClickEvent click, HistoryFile.Line line) {
                valid(click.customerId(), click.timestamp(), line);
            }

            @Override
            public void feedback(FeedbackEvent feedback, HistoryFile.Line line) {
                valid(feedback.customerId(), feedback.timestamp(), line);
            }

            @Override
            public void refused(HistoryFile.Line line) {
                sink.send(line.feedback(), null, null, line.value());
            }

            private void valid(String customer, long timestamp, HistoryFile.Line line) {
                sink.send(line.feedback(), customer, timestamp, line.value());
                first[0] = first[0] == null ? customer : first[0];
            }
        });
        return new Published(stats.clicks(), stats.feedback(), stats.invalid(), first[0]);
    }
}
