package io.customerinsight.deadletter;

import io.customerinsight.events.DeadLetterReason;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;

/**
 * An output record the broker refuses as too large (a profile or an alert above the topic's
 * {@code max.message.bytes}) would otherwise fail the stream thread again at every retry. It is
 * dead-lettered instead, with its key and the reason but without the value the broker would not take, and
 * counted; processing goes on. Any other send error fails as Kafka Streams' default does (the producer has
 * already retried what can be retried). Never throws.
 */
public class DeadLetteringProductionHandler implements ProductionExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(DeadLetteringProductionHandler.class);

    private DeadLetterTarget target;

    @Override
    public void configure(Map<String, ?> configs) {
        target = DeadLetterTarget.from(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception e) {
        if (!(e instanceof RecordTooLargeException)) {
            return Response.fail();
        }
        String reason = DeadLetterReason.OUTPUT_TOO_LARGE.wireName();
        try {
            int bytes = record.value() == null ? 0 : record.value().length;
            log.warn("the broker refused a {}-byte record for {} as too large; dead-lettered without its value",
                    bytes, record.topic());
            target.count(record.topic(), reason);
            return Response.resume(List.of(DeadLetterRecords.refusedOutput(target.topic(), record, e)));
        } catch (RuntimeException handlerFailure) {
            log.error("could not dead-letter a refused output record; it is dropped", handlerFailure);
            return Response.resume();
        }
    }
}
