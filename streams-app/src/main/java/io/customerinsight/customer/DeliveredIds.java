package io.customerinsight.customer;

import io.customerinsight.events.ClickEvent;
import io.customerinsight.events.CustomerEvent;
import io.customerinsight.events.ScoredFeedback;
import io.customerinsight.features.RecentIds;

import java.nio.ByteBuffer;

/**
 * The ids of one customer's last clicks and feedback messages, to count a record delivered twice (a producer's
 * retry, a batch sent again) once. Kept in the customer's state live, and by {@code replay}, so that training
 * rows count what the app counts.
 */
public final class DeliveredIds {
    /** clicks and feedback messages whose ids are remembered */
    public static final int CLICKS = 16;
    public static final int FEEDBACK = 8;

    private final RecentIds clicks = new RecentIds(CLICKS);
    private final RecentIds feedback = new RecentIds(FEEDBACK);

    /** Remembers the record's id; false if the customer's last records already had it (delivered again). */
    public boolean firstDelivery(CustomerEvent event) {
        return event instanceof ClickEvent click ? clicks.add(click.eventId())
                : feedback.add(((ScoredFeedback) event).feedbackId());
    }

    int encodedSize() {
        return clicks.encodedSize() + feedback.encodedSize();
    }

    void write(ByteBuffer out) {
        clicks.write(out);
        feedback.write(out);
    }

    void read(ByteBuffer in) {
        clicks.read(in);
        feedback.read(in);
    }
}
