package io.customerinsight.events;

import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

import java.io.IOException;

/**
 * Serdes for the project's topics. Input serdes validate against the contract (a rejection throws
 * {@link InvalidEventException}, which the dead-letter handler routes); output serdes write plain JSON.
 */
public final class EventSerdes {
    /**
     * Profiles are mostly numbers, and most of those are counts: a whole number is written without a fraction
     * ({@code 12}, not {@code 12.0}; the same JSON number), which spares the shortest-decimal search a
     * fraction needs; fractions go through Jackson's Schubfach writer. Record components are read through
     * lambdas Blackbird generates, not by reflection.
     */
    public static final ObjectMapper JSON = JsonMapper.builder()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .addModule(new SimpleModule("whole-numbers")
                    .addSerializer(Float.class, WholeNumbers.FLOAT).addSerializer(float.class, WholeNumbers.FLOAT)
                    .addSerializer(Double.class, WholeNumbers.DOUBLE)
                    .addSerializer(double.class, WholeNumbers.DOUBLE))
            .addModule(new BlackbirdModule())
            .build();

    private EventSerdes() {
    }

    /** Contract-checked click events, for topics whose records were already validated (repartition). */
    public static Serde<ClickEvent> clickEvents(EventParser parser) {
        return Serdes.serdeFrom(json(), (topic, data) -> parser.parseClick(data));
    }

    public static Serde<FeedbackEvent> feedbackEvents(EventParser parser) {
        return Serdes.serdeFrom(json(), (topic, data) -> parser.parseFeedback(data));
    }

    /** Input serde of the clickstream topic: never throws, a violation comes back as a value. */
    public static Serde<ParsedEvent<ClickEvent>> parsedClickEvents(EventParser parser) {
        return Serdes.serdeFrom(unsupported(), (topic, data) -> parse(data, () -> parser.parseClick(data)));
    }

    public static Serde<ParsedEvent<FeedbackEvent>> parsedFeedbackEvents(EventParser parser) {
        return Serdes.serdeFrom(unsupported(), (topic, data) -> parse(data, () -> parser.parseFeedback(data)));
    }

    private static <T> ParsedEvent<T> parse(byte[] data, java.util.function.Supplier<T> parse) {
        if (data == null) {
            return ParsedEvent.tombstone();
        }
        try {
            return ParsedEvent.valid(parse.get());
        } catch (InvalidEventException e) {
            return ParsedEvent.invalid(e);
        }
    }

    private static <T> Serializer<T> unsupported() {
        return (topic, data) -> {
            throw new UnsupportedOperationException("input records are never written by the pipeline");
        };
    }

    /** A JSON serde for trusted internal and output records (alerts, profiles, scored feedback). */
    public static <T> Serde<T> json(Class<T> type) {
        return Serdes.serdeFrom(serializer(JSON.writerFor(type)), jsonDeserializer(type));
    }

    public static <T> Serializer<T> json() {
        return serializer(JSON.writer());
    }

    /** A serializer through {@code writer}; one bound to the type spares a serializer lookup per record. */
    private static <T> Serializer<T> serializer(ObjectWriter writer) {
        return (topic, data) -> {
            if (data == null) {
                return null;
            }
            try {
                return writer.writeValueAsBytes(data);
            } catch (IOException e) {
                throw new SerializationException("cannot write " + data.getClass().getSimpleName(), e);
            }
        };
    }

    private static <T> Deserializer<T> jsonDeserializer(Class<T> type) {
        return (topic, data) -> {
            if (data == null) {
                return null;
            }
            try {
                return JSON.readValue(data, type);
            } catch (IOException e) {
                throw new SerializationException("cannot read " + type.getSimpleName() + " from " + topic, e);
            }
        };
    }
}
