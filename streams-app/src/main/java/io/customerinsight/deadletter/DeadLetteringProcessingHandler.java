package io.customerinsight.deadletter;

import io.customerinsight.events.DeadLetterReason;
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

    /** the source of a failure inside a punctuation, which has no source record */
    public static final String NO_SOURCE = "punctuation";

    private DeadLetterTarget target;

    @Override
    public void configure(Map<String, ?> configs) {
        target = DeadLetterTarget.from(configs);
    }

    /**
     * Never throws: a handler that throws fails the stream thread it was meant to keep alive. A failure in a
     * punctuation has no source record (no topic, no raw bytes): it is counted under the source
     * {@value #NO_SOURCE} and its dead letter carries the headers alone.
     */
    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception e) {
        String reason = DeadLetterReason.PROCESSING_ERROR.wireName();
        try {
            reason = DeadLetterRecords.reasonOf(e).wireName();
            String source = context.topic() == null ? NO_SOURCE : context.topic();
            if (DeadLetterReason.PROCESSING_ERROR.wireName().equals(reason)) {
                log.warn("processing failed in {} for {}-{}@{}; sent to {}", context.processorNodeId(), source,
                        context.partition(), context.offset(), target.topic(), e);
            }
            target.count(source, reason);
            return Response.resume(List.of(DeadLetterRecords.build(target.topic(), context.sourceRawKey(),
                    context.sourceRawValue(), context, e)));
        } catch (RuntimeException handlerFailure) {
            log.error("could not dead-letter a {} failure; processing continues", reason, handlerFailure);
            return Response.resume();
        }
    }
}
