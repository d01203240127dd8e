package io.customerinsight.deadletter;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;

/**
 * Sends a record that cannot be deserialized to the dead-letter topic, counts it by reason, and lets
 * processing continue. (Input topics use serdes that never throw; this guards internal topics.)
 */
public class DeadLetteringDeserializationHandler implements DeserializationExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(DeadLetteringDeserializationHandler.class);

    private DeadLetterTarget target;

    @Override
    public void configure(Map<String, ?> configs) {
        target = DeadLetterTarget.from(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception e) {
        String reason = DeadLetterRecords.reasonOf(e).wireName();
        log.debug("undeserializable record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), reason);
        target.count(record.topic(), reason);
        return Response.resume(List.of(DeadLetterRecords.build(target.topic(), record.key(), record.value(), context, e)));
    }
}
