package io.customerinsight.topology.internals;

import io.customerinsight.events.ClickEvent;
import io.customerinsight.events.EventParser;
import io.customerinsight.events.EventSerdes;
import io.customerinsight.events.FeedbackEvent;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

import java.util.Arrays;

/**
 * A click or a feedback message whose key was not its customer id, on its way through the one repartition
 * topic both inputs share. One topic rather than one per input because Kafka Streams (4.2 and later) formats
 * a log line for every empty input partition of a task on every record it processes while tasks wait for
 * each other's inputs ({@code max.task.idle.ms=0}), and a repartition topic is empty nearly all the time.
 * On the wire: one tag byte ({@code c} or {@code f}), then the event's JSON.
 */
public record RekeyedInput(ClickEvent click, FeedbackEvent feedback) {
    private static final byte CLICK = 'c';
    private static final byte FEEDBACK = 'f';

    public static RekeyedInput of(ClickEvent click) {
        return new RekeyedInput(click, null);
    }

    public static RekeyedInput of(FeedbackEvent feedback) {
        return new RekeyedInput(null, feedback);
    }

    public boolean isClick() {
        return click != null;
    }

    public String customerId() {
        return isClick() ? click.customerId() : feedback.customerId();
    }

    public static Serde<RekeyedInput> serde(EventParser parser) {
        Serializer<Object> json = EventSerdes.json();
        return Serdes.serdeFrom((topic, input) -> {
            if (input == null) {
                return null;
            }
            byte[] body = json.serialize(topic, input.isClick() ? input.click : input.feedback);
            byte[] out = new byte[body.length + 1];
            out[0] = input.isClick() ? CLICK : FEEDBACK;
            System.arraycopy(body, 0, out, 1, body.length);
            return out;
        }, (topic, data) -> {
            if (data == null || data.length == 0) {
                return null;
            }
            byte[] body = Arrays.copyOfRange(data, 1, data.length);
            return switch (data[0]) {
                case CLICK -> of(parser.parseClick(body));
                case FEEDBACK -> of(parser.parseFeedback(body));
                default -> throw new SerializationException("unknown tag " + data[0] + " in a re-keyed record");
            };
        });
    }
}
