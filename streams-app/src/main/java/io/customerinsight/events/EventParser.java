package io.customerinsight.events;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.CharConversionException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses and validates raw record values against the event contract. Every rejection is an
 * {@link InvalidEventException} whose reason and message say what is wrong, without echoing content.
 */
public final class EventParser {
    /**
     * A field given twice is ambiguous (parsers differ on which value wins): rejected, not resolved. The tree
     * reader sees it as it builds the object, where the parser's own detection keeps a set of names per object.
     */
    private static final Pattern DUPLICATE_FIELD = Pattern.compile("Duplicate field '([^']{0,128})'");
    /** beyond a day ahead a timestamp is no clock running fast, so the message is the range's */
    private static final long CLOCK_RUNNING_FAST = Duration.ofDays(1).toMillis();
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY).build();

    /** what {@link #eventTime} answers for a record without a valid event time */
    public static final long NO_EVENT_TIME = Long.MIN_VALUE;

    private final ContractLimits limits;

    public EventParser(ContractLimits limits) {
        this.limits = limits;
    }

    public ClickEvent parseClick(byte[] value) {
        JsonNode node = readObject(value);
        return new ClickEvent(
                requiredId(node, "eventId"),
                requiredId(node, "customerId"),
                EventType.canonicalWireName(requiredText(node, "type")),
                timestamp(node),
                requiredId(node, "sessionId"),
                optionalId(node, "productId"),
                optionalText(node, "category"),
                optionalAmount(node),
                optionalText(node, "currency"),
                optionalText(node, "channel"));
    }

    public FeedbackEvent parseFeedback(byte[] value) {
        JsonNode node = readObject(value);
        String channel = requiredText(node, "channel");
        if (!FeedbackChannel.WIRE_NAMES.contains(channel)) {
            throw new InvalidEventException(DeadLetterReason.INVALID_VALUE,
                    "field 'channel' must be one of " + FeedbackChannel.WIRE_NAMES);
        }
        String text = optionalText(node, "text");
        Integer rating = optionalRating(node);
        if (text == null || text.isBlank()) {
            // a rating alone (a survey's score without a comment) is feedback; nothing at all is not
            if (rating == null) {
                throw text == null
                        ? new InvalidEventException(DeadLetterReason.MISSING_FIELD, "missing field 'text' (a message needs a text, a rating or both)")
                        : new InvalidEventException(DeadLetterReason.INVALID_VALUE, "field 'text' is blank and there is no rating");
            }
            text = null;
        }
        return new FeedbackEvent(
                requiredId(node, "feedbackId"),
                requiredId(node, "customerId"),
                timestamp(node),
                channel,
                text,
                rating,
                optionalText(node, "language"));
    }

    private JsonNode readObject(byte[] value) {
        if (value == null) {
            throw new InvalidEventException(DeadLetterReason.MISSING_FIELD, "record value is null");
        }
        if (value.length > limits.maxRecordBytes()) {
            throw new InvalidEventException(DeadLetterReason.OVERSIZE,
                    "record value is " + value.length + " bytes, limit is " + limits.maxRecordBytes());
        }
        JsonNode node;
        try (JsonParser parser = MAPPER.createParser(value)) {
            node = MAPPER.readTree(parser);
            if (node != null && parser.nextToken() != null) {
                // two events concatenated into one record: reading the first alone would lose the second
                throw new InvalidEventException(DeadLetterReason.NOT_JSON,
                        "record value has more after its JSON object; send one JSON object per record");
            }
        } catch (CharConversionException e) {
            throw new InvalidEventException(DeadLetterReason.NOT_UTF8, "record value is not valid UTF-8");
        } catch (MismatchedInputException e) {
            String problem = e.getOriginalMessage();
            Matcher duplicate = problem == null ? null : DUPLICATE_FIELD.matcher(problem);
            if (duplicate != null && duplicate.lookingAt()) {
                throw new InvalidEventException(DeadLetterReason.NOT_JSON,
                        "field '" + duplicate.group(1) + "' is given twice");
            }
            throw new InvalidEventException(DeadLetterReason.NOT_JSON, "record value is not JSON");
        } catch (JsonParseException e) {
            String problem = e.getOriginalMessage();
            boolean encoding = problem != null && problem.contains("UTF-8");
            throw new InvalidEventException(encoding ? DeadLetterReason.NOT_UTF8 : DeadLetterReason.NOT_JSON,
                    encoding ? "record value is not valid UTF-8" : "record value is not JSON");
        } catch (IOException e) {
            throw new InvalidEventException(DeadLetterReason.NOT_JSON, "record value is not JSON");
        }
        if (node == null || !node.isObject()) {
            throw new InvalidEventException(DeadLetterReason.NOT_JSON, "record value is not a JSON object");
        }
        return node;
    }

    private String requiredText(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new InvalidEventException(DeadLetterReason.MISSING_FIELD, "missing field '" + field + "'");
        }
        if (!v.isTextual()) {
            throw new InvalidEventException(DeadLetterReason.WRONG_TYPE, "field '" + field + "' must be a string");
        }
        return v.textValue();
    }

    private String requiredId(JsonNode node, String field) {
        String id = requiredText(node, field);
        checkId(field, id);
        return id;
    }

    private String optionalId(JsonNode node, String field) {
        String id = optionalText(node, field);
        if (id != null) {
            checkId(field, id);
        }
        return id;
    }

    private void checkId(String field, String id) {
        String problem = limits.idProblem(id);
        if (problem != null) {
            throw new InvalidEventException(DeadLetterReason.INVALID_VALUE, "field '" + field + "' " + problem);
        }
    }

    private static String optionalText(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new InvalidEventException(DeadLetterReason.WRONG_TYPE, "field '" + field + "' must be a string");
        }
        return v.textValue();
    }

    private Double optionalAmount(JsonNode node) {
        JsonNode v = node.get("amount");
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isNumber()) {
            throw new InvalidEventException(DeadLetterReason.WRONG_TYPE, "field 'amount' must be a number");
        }
        double amount = v.doubleValue();
        if (!(amount >= 0 && amount <= limits.maxAmount())) {
            throw new InvalidEventException(DeadLetterReason.INVALID_VALUE,
                    "field 'amount' must be from 0 to " + limits.maxAmount() + ", got " + amount);
        }
        return amount;
    }

    private static Integer optionalRating(JsonNode node) {
        JsonNode v = node.get("rating");
        if (v == null || v.isNull()) {
            return null;
        }
        if (!isWhole(v)) {
            throw new InvalidEventException(DeadLetterReason.WRONG_TYPE, "field 'rating' must be an integer");
        }
        // compared as a long: the int of 4294967297 would be 1
        long rating = v.canConvertToLong() ? v.longValue() : Long.MAX_VALUE;
        if (rating < 1 || rating > 5) {
            throw new InvalidEventException(DeadLetterReason.INVALID_VALUE, "field 'rating' must be 1 to 5");
        }
        return (int) rating;
    }

    /**
     * An integer as JSON Schema counts one: any number without a fraction, so {@code 4.0} (what Python's
     * {@code json.dumps(4.0)} and many JavaScript producers write) is 4, as the published schemas accept it.
     */
    private static boolean isWhole(JsonNode v) {
        return v.isIntegralNumber() || (v.isFloatingPointNumber() && v.canConvertToExactIntegral());
    }

    /**
     * The event time of a raw record as {@link #parseClick} and {@link #parseFeedback} would read it, or
     * {@link #NO_EVENT_TIME} when its timestamp is missing or invalid. Reads the top level of the object only
     * as far as its {@code timestamp}, without building the event (for ordering records before they are
     * parsed).
     */
    public long eventTime(byte[] value, int offset) {
        if (value == null || value.length <= offset) {
            return NO_EVENT_TIME;
        }
        try (JsonParser json = MAPPER.createParser(value, offset, value.length - offset)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                return NO_EVENT_TIME;
            }
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                boolean isTimestamp = "timestamp".equals(json.currentName());
                json.nextToken();
                if (isTimestamp) {
                    return timestampOf(json.readValueAsTree());
                }
                json.skipChildren();
            }
            return NO_EVENT_TIME;
        } catch (IOException | InvalidEventException e) {
            return NO_EVENT_TIME;
        }
    }

    private long timestamp(JsonNode node) {
        return timestampOf(node.get("timestamp"));
    }

    private long timestampOf(JsonNode v) {
        if (v == null || v.isNull()) {
            throw new InvalidEventException(DeadLetterReason.MISSING_FIELD, "missing field 'timestamp'");
        }
        long millis;
        if (isWhole(v)) {
            // a whole number beyond a long saturates (its long would drop the high bits, 2^64 + t reading as t)
            millis = v.canConvertToLong() ? v.longValue() : v.doubleValue() > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
        } else if (v.isTextual()) {
            millis = parseIso(v.textValue());
        } else if (v.isNumber()) {
            throw new InvalidEventException(DeadLetterReason.WRONG_TYPE, "field 'timestamp' has a fraction; the contract"
                    + " wants whole epoch milliseconds (a fraction often means epoch seconds, as Python's time.time())");
        } else {
            throw new InvalidEventException(DeadLetterReason.WRONG_TYPE,
                    "field 'timestamp' must be epoch milliseconds or an ISO-8601 string");
        }
        long earliest = limits.earliestTimestamp().toEpochMilli();
        long now = limits.clock().millis();
        long latest = now + limits.maxFutureSkew().toMillis();
        if (millis > latest && millis - now <= CLOCK_RUNNING_FAST) {
            throw new InvalidEventException(DeadLetterReason.TIMESTAMP_OUT_OF_RANGE, "field 'timestamp' is "
                    + Duration.ofMillis(millis - now).truncatedTo(ChronoUnit.MINUTES) + " ahead of the wall clock, "
                    + "more than insight.future.tolerance (" + limits.maxFutureSkew() + ") allows (a local time "
                    + "sent as UTC, or a producer's clock running fast?)");
        }
        if (millis < earliest || millis > latest) {
            // the commonest producer mistake: epoch seconds where milliseconds are due
            boolean seconds = v.isNumber() && millis >= earliest / 1000 && millis <= latest / 1000;
            throw new InvalidEventException(DeadLetterReason.TIMESTAMP_OUT_OF_RANGE,
                    "field 'timestamp' is outside [" + limits.earliestTimestamp() + ", now + "
                            + limits.maxFutureSkew() + "]"
                            + (seconds ? " (it reads as epoch seconds; the contract wants epoch milliseconds)" : ""));
        }
        return millis;
    }

    private static boolean hasNoOffset(String text) {
        try {
            LocalDateTime.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static long parseIso(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(text).toEpochMilli();
            } catch (DateTimeParseException e2) {
                throw new InvalidEventException(DeadLetterReason.WRONG_TYPE, hasNoOffset(text)
                        ? "field 'timestamp' has no offset (a time in no time zone; for example 2026-11-22T10:15:30Z or 2026-11-22T18:15:30+08:00)"
                        : "field 'timestamp' is not ISO-8601 (for example 2026-11-22T10:15:30Z)");
            }
        }
    }
}
