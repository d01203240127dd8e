package io.customerinsight.deadletter;

import io.customerinsight.ops.InsightMetrics;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DeadLetteringProcessingHandlerTest {
    private final InsightMetrics metrics = InsightMetrics.standalone();
    private final DeadLetteringProcessingHandler handler = new DeadLetteringProcessingHandler();

    DeadLetteringProcessingHandlerTest() {
        handler.configure(Map.of(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, "insight-dlq",
                InsightMetrics.CONFIG_KEY, metrics));
    }

    /** What Kafka Streams hands the handler for a failure inside a punctuation: no source record. */
    private static ErrorHandlerContext punctuation(Headers headers) {
        return new ErrorHandlerContext() {
            public String topic() {
                return null;
            }

            public int partition() {
                return -1;
            }

            public long offset() {
                return -1;
            }

            public Headers headers() {
                return headers;
            }

            public String processorNodeId() {
                return "customer-insight";
            }

            public TaskId taskId() {
                return new TaskId(0, 1);
            }

            public long timestamp() {
                return 1_700_000_000_000L;
            }

            public byte[] sourceRawKey() {
                return null;
            }

            public byte[] sourceRawValue() {
                return null;
            }
        };
    }

    @Test
    void aFailureInAPunctuationIsCountedAndDeadLetteredWithoutASourceRecord() {
        ProcessingExceptionHandler.Response response = handler.handleError(punctuation(new RecordHeaders()), null,
                new IllegalStateException("model session closed"));
        assertThat(response.result()).isEqualTo(ProcessingExceptionHandler.Result.RESUME);
        List<ProducerRecord<byte[], byte[]>> dead = response.deadLetterQueueRecords();
        assertThat(dead).hasSize(1);
        assertThat(new String(dead.get(0).headers().lastHeader(DeadLetterRecords.REASON).value(),
                StandardCharsets.UTF_8)).isEqualTo("processing_error");
        assertThat(dead.get(0).headers().lastHeader(DeadLetterRecords.SOURCE_TOPIC)).isNull();
        assertThat(metrics.count("insight.invalid.records", "topic", DeadLetteringProcessingHandler.NO_SOURCE,
                "reason", "processing_error")).isEqualTo(1);
    }

    @Test
    void theHandlerItselfNeverThrows() {
        Headers broken = new RecordHeaders() {
            @Override
            public java.util.Iterator<org.apache.kafka.common.header.Header> iterator() {
                throw new IllegalStateException("headers unreadable");
            }
        };
        ProcessingExceptionHandler.Response response = handler.handleError(punctuation(broken), null,
                new RuntimeException("boom"));
        assertThat(response.result()).isEqualTo(ProcessingExceptionHandler.Result.RESUME);
    }
}
