package io.customerinsight.deadletter;

import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;

/**
 * Sends the source record of a failed processing step (a contract violation, a late event, a scoring
 * failure) to the dead-letter topic with its original bytes, counts it, and lets processing continue.
 */
public class DeadLetteringProcessingHandler implements ProcessingExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(DeadLetteringProcessingHandler.class);

    private DeadLetterTarget target;

    @Override
    public void configure(Map<String, ?> configs) {
        target = DeadLetterTarget.from(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception e) {
        String reason = DeadLetterRecords.reasonOf(e).wireName();
        if ("processing_error".equals(reason)) {
            log.warn("processing failed in {} for {}-{}@{}; record sent to {}", context.processorNodeId(),
                    context.topic(), context.partition(), context.offset(), target.topic(), e);
        }
        target.count(context.topic(), reason);
        return Response.resume(List.of(DeadLetterRecords.build(target.topic(), context.sourceRawKey(),
                context.sourceRawValue(), context, e)));
    }
}
