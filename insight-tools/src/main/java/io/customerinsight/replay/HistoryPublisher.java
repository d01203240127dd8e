package io.customerinsight.replay;

import io.customerinsight.events.ClickEvent;
import io.customerinsight.events.ContractLimits;
import io.customerinsight.events.EventParser;
import io.customerinsight.events.FeedbackEvent;
import io.customerinsight.events.InvalidEventException;

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
        EventParser parser = new EventParser(ContractLimits.defaults());
        long[] counts = new long[3];
        String[] first = new String[1];
        HistoryFile.lines(history, line -> {
            String customer;
            long timestamp;
            try {
                if (line.feedback()) {
                    FeedbackEvent f = parser.parseFeedback(line.value());
                    customer = f.customerId();
                    timestamp = f.timestamp();
                } else {
                    ClickEvent c = parser.parseClick(line.value());
                    customer = c.customerId();
                    timestamp = c.timestamp();
                }
            } catch (InvalidEventException e) {
                sink.send(line.feedback(), null, null, line.value());
                counts[2]++;
                return;
            }
            sink.send(line.feedback(), customer, timestamp, line.value());
            first[0] = first[0] == null ? customer : first[0];
            counts[line.feedback() ? 1 : 0]++;
        });
        return new Published(counts[0], counts[1], counts[2], first[0]);
    }
}
