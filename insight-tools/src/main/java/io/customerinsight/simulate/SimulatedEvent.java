package io.customerinsight.simulate;

import io.customerinsight.events.ClickEvent;
import io.customerinsight.events.FeedbackEvent;

/** One generated event: a click or a feedback message (exactly one of the two is set). */
public record SimulatedEvent(ClickEvent click, FeedbackEvent feedback) {
    public String customerId() {
        return click != null ? click.customerId() : feedback.customerId();
    }

    public long timestamp() {
        return click != null ? click.timestamp() : feedback.timestamp();
    }

    public Object payload() {
        return click != null ? click : feedback;
    }
}
