package io.customerinsight.deadletter;

import io.customerinsight.events.DeadLetterReason;
import io.customerinsight.events.InvalidEventException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

import java.nio.charset.StandardCharsets;

/**
 * Builds the dead-letter record: the original key and value bytes untouched, the original headers, and
 * {@code insight.dlq.*} headers that say why and where from. Messages of exceptions we did not raise
 * ourselves are left out, since parsers may quote the payload (customer text) in them.
 */
public final class DeadLetterRecords {
    public static final String REASON = "insight.dlq.reason";
    public static final String MESSAGE = "insight.dlq.message";
    public static final String EXCEPTION = "insight.dlq.exception";
    public static final String SOURCE_TOPIC = "insight.dlq.source.topic";
    public static final String SOURCE_PARTITION = "insight.dlq.source.partition";
    public static final String SOURCE_OFFSET = "insight.dlq.source.offset";
    public static final String PROCESSOR = "insight.dlq.processor";
    /** on a scoring failure, which has no source record: the customer and the model version */
    public static final String CUSTOMER_ID = "insight.dlq.customer.id";
    public static final String MODEL_VERSION = "insight.dlq.model.version";

    private DeadLetterRecords() {
    }

    public static DeadLetterReason reasonOf(Throwable e) {
        Throwable t = e;
        while (t != null) {
            if (t instanceof InvalidEventException invalid) {
                return invalid.reason();
            }
            t = t.getCause();
        }
        return DeadLetterReason.PROCESSING_ERROR;
    }

    public static ProducerRecord<byte[], byte[]> build(String dlqTopic, byte[] key, byte[] value,
                                                       ErrorHandlerContext context, Exception e) {
        DeadLetterReason reason = reasonOf(e);
        Headers headers = new RecordHeaders();
        if (context.headers() != null) {
            for (Header h : context.headers()) {
                if (!h.key().startsWith("insight.dlq.")) {
                    headers.add(h);
                }
            }
        }
        String message = e instanceof InvalidEventException ? e.getMessage() : safeMessage(e);
        put(headers, REASON, reason.wireName());
        put(headers, MESSAGE, message);
        put(headers, EXCEPTION, e.getClass().getName());
        put(headers, SOURCE_TOPIC, context.topic());
        put(headers, SOURCE_PARTITION, Integer.toString(context.partition()));
        put(headers, SOURCE_OFFSET, Long.toString(context.offset()));
        put(headers, PROCESSOR, context.processorNodeId());
        return new ProducerRecord<>(dlqTopic, null, context.timestamp(), key, value, headers);
    }

    private static String safeMessage(Exception e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return "processing failed with " + root.getClass().getSimpleName();
    }

    /** The headers of a dead letter without a source record (a customer's scoring failed). */
    public static Headers scoringFailure(String customerId, String modelVersion, Exception e, String processor) {
        Headers headers = new RecordHeaders();
        put(headers, REASON, DeadLetterReason.SCORING_FAILED.wireName());
        put(headers, MESSAGE, safeMessage(e));
        put(headers, EXCEPTION, e.getClass().getName());
        put(headers, PROCESSOR, processor);
        put(headers, CUSTOMER_ID, customerId);
        put(headers, MODEL_VERSION, modelVersion);
        return headers;
    }

    /** The dead letter of an output record the broker refused: its key and headers, no value. */
    public static ProducerRecord<byte[], byte[]> refusedOutput(String dlqTopic, ProducerRecord<byte[], byte[]> refused,
                                                              Exception e) {
        Headers headers = new RecordHeaders();
        put(headers, REASON, DeadLetterReason.OUTPUT_TOO_LARGE.wireName());
        put(headers, MESSAGE, "the broker refused a record of " + (refused.value() == null ? 0 : refused.value().length)
                + " bytes for " + refused.topic());
        put(headers, EXCEPTION, e.getClass().getName());
        put(headers, SOURCE_TOPIC, refused.topic());
        return new ProducerRecord<>(dlqTopic, null, refused.timestamp(), refused.key(), null, headers);
    }

    private static void put(Headers headers, String key, String value) {
        if (value != null) {
            headers.add(key, value.getBytes(StandardCharsets.UTF_8));
        }
    }
}
