package io.customerinsight.events;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Event time is the {@code timestamp} field of the event, not the time the producer sent it. A record that
 * failed validation gets the partition's current stream time (it only travels to the dead-letter topic).
 */
public class EventTimestampExtractor implements TimestampExtractor {
    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        Object value = record.value();
        if (value instanceof ParsedEvent<?> parsed) {
            value = parsed.event();
        }
        if (value instanceof ClickEvent e) {
            return e.timestamp();
        }
        if (value instanceof FeedbackEvent f) {
            return f.timestamp();
        }
        if (value instanceof CustomerEvent c) {
            return c.timestamp();
        }
        // Invalid record: keep the partition's stream time where it is, so that a garbage timestamp
        // cannot make the valid events that follow look late.
        return Math.max(partitionTime, 0);
    }
}
