package io.customerinsight.deadletter;

import io.customerinsight.ops.InsightMetrics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;

/**
 * Sends a record that cannot be deserialized (it breaks the event contract) to the dead-letter topic,
 * counts it by reason, and lets processing continue.
 */
public class DeadLetteringDeserializationHandler implements DeserializationExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(DeadLetteringDeserializationHandler.class);

    private String dlqTopic;
    private InsightMetrics metrics;

    @Override
    public void configure(Map<String, ?> configs) {
        Object topic = configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
        if (topic == null) {
            throw new IllegalStateException(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG + " must be set");
        }
        dlqTopic = topic.toString();
        metrics = InsightMetrics.from(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception e) {
        String reason = DeadLetterRecords.reasonOf(e).wireName();
        log.debug("invalid record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), reason);
        metrics.invalidRecord(record.topic(), reason);
        metrics.deadLetterWritten(reason);
        return Response.resume(List.of(DeadLetterRecords.build(dlqTopic, record.key(), record.value(), context, e)));
    }
}
