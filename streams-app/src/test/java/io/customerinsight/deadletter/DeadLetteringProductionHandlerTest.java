package io.customerinsight.deadletter;

import io.customerinsight.ops.InsightMetrics;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class DeadLetteringProductionHandlerTest {
    private final InsightMetrics metrics = InsightMetrics.standalone();
    private final DeadLetteringProductionHandler handler = new DeadLetteringProductionHandler();

    DeadLetteringProductionHandlerTest() {
        handler.configure(Map.of(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, "insight-dlq",
                InsightMetrics.CONFIG_KEY, metrics));
    }

    @Test
    void anOutputTheBrokerRefusesAsTooLargeIsDeadLetteredWithItsKeyAndProcessingGoesOn() {
        ProducerRecord<byte[], byte[]> profile = new ProducerRecord<>("customer-profiles", null, 1L,
                "cust-1".getBytes(StandardCharsets.UTF_8), new byte[2_000_000]);
        ProductionExceptionHandler.Response response = handler.handleError(null, profile,
                new RecordTooLargeException("too large"));
        assertThat(response.result()).isEqualTo(ProductionExceptionHandler.Result.RESUME);
        var dead = response.deadLetterQueueRecords();
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).topic()).isEqualTo("insight-dlq");
        assertThat(dead.get(0).key()).isEqualTo(profile.key());
        assertThat(dead.get(0).value()).isNull();
        assertThat(new String(dead.get(0).headers().lastHeader(DeadLetterRecords.REASON).value(),
                StandardCharsets.UTF_8)).isEqualTo("output_too_large");
        assertThat(metrics.count("insight.dlq.writes", "reason", "output_too_large")).isEqualTo(1);
    }

    @Test
    void otherSendErrorsFailAsByDefault() {
        ProducerRecord<byte[], byte[]> alert = new ProducerRecord<>("churn-alerts", new byte[1], new byte[1]);
        assertThat(handler.handleError(null, alert, new TopicAuthorizationException(Set.of("churn-alerts"))).result())
                .isEqualTo(ProductionExceptionHandler.Result.FAIL);
    }
}
