package io.customerinsight.deadletter;

import io.customerinsight.ops.InsightMetrics;
import org.apache.kafka.streams.StreamsConfig;

import java.util.Map;

/** Where the handlers send dead letters and count them, read from the Streams configuration. */
record DeadLetterTarget(String topic, InsightMetrics metrics) {
    static DeadLetterTarget from(Map<String, ?> configs) {
        Object topic = configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
        if (topic == null) {
            throw new IllegalStateException(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG + " must be set");
        }
        return new DeadLetterTarget(topic.toString(), InsightMetrics.from(configs));
    }

    void count(String sourceTopic, String reason) {
        metrics.invalidRecord(sourceTopic, reason);
        metrics.deadLetterWritten(reason);
    }
}
