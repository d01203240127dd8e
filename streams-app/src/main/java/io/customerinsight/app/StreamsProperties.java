package io.customerinsight.app;

import io.customerinsight.config.AppConfig;
import io.customerinsight.config.InsightConfig;
import io.customerinsight.config.TopicRole;
import io.customerinsight.customer.BoundedRocksDbMemory;
import io.customerinsight.deadletter.DeadLetteringDeserializationHandler;
import io.customerinsight.deadletter.DeadLetteringProcessingHandler;
import io.customerinsight.deadletter.DeadLetteringProductionHandler;
import io.customerinsight.events.EventTimestampExtractor;
import io.customerinsight.ops.InsightMetrics;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;

import java.util.Map;
import java.util.Properties;

/** The Kafka Streams settings the pipeline always needs, beneath whatever the user configured. */
public final class StreamsProperties {
    private StreamsProperties() {
    }

    /**
     * @param user the user's Kafka and Streams settings (application id, bootstrap servers, security...);
     *             they override the defaults here, except the handlers and DLQ topic the pipeline relies on
     */
    public static Properties build(Map<String, ?> user, InsightConfig insight, InsightMetrics metrics) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, AppConfig.DEFAULT_APPLICATION_ID);
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        p.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class);
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 1000);
        // a backlog of both inputs must be merged in time order, as live: the same input gives the same alerts and
        // profiles (with -1 and nothing else, a backlog of 1,000 customers gave 400 alerts against 243 live).
        // Either the main consumer merges them (insight.input.merge=consumer) or Kafka Streams waits for an empty
        // input that is not caught up (0), whose price in Kafka Streams 4.2-4.4 is log text formatted for every
        // record while an input partition is empty (bench: 7.9 against 6.1 us of CPU per event)
        p.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, insight.mergeInConsumer() ? -1L : 0L);
        // changelog records (whole customer states) and profiles are JSON and sparse floats: the broker and the
        // network handle a fraction of the bytes (bench: 138k -> 179k events/s)
        p.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
        // the changelog write-back at each commit is a burst of whole customer states: 16 KB batches meant a
        // new batch (with its compression buffers) and a wake-up of the sender every few records
        p.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), 128 * 1024);
        p.putAll(user);
        p.put(StreamsConfig.DEFAULT_TIMESTAMP_EXTRACTOR_CLASS_CONFIG, EventTimestampExtractor.class);
        p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetteringDeserializationHandler.class);
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetteringProcessingHandler.class);
        p.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetteringProductionHandler.class);
        p.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, insight.topic(TopicRole.DEAD_LETTER));
        p.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbMemory.class);
        p.put(InsightConfig.ROCKSDB_MEMORY_MB, insight.rocksDbMemoryMb());
        p.put(InsightMetrics.CONFIG_KEY, metrics);
        return p;
    }
}
