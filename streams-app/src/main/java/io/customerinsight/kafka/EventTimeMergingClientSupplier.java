package io.customerinsight.kafka;

import io.customerinsight.events.EventParser;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaClientSupplier;

import java.util.Map;
import java.util.Set;

/**
 * Kafka Streams' clients, with a main consumer that merges each task's inputs in event time
 * ({@link EventTimeMergingConsumer}); to be used with {@code max.task.idle.ms=-1}.
 */
public final class EventTimeMergingClientSupplier implements KafkaClientSupplier {
    private final Set<String> eventTopics;
    private final EventParser parser;
    private final int maxHeldPerPartition;

    /**
     * @param eventTopics the topics whose values are events of the contract (their event time is read from
     *                    the value); any other topic is one Kafka Streams wrote, whose records carry their time
     */
    public EventTimeMergingClientSupplier(Set<String> eventTopics, EventParser parser, int maxHeldPerPartition) {
        this.eventTopics = Set.copyOf(eventTopics);
        this.parser = parser;
        this.maxHeldPerPartition = maxHeldPerPartition;
    }

    @Override
    public Consumer<byte[], byte[]> getConsumer(Map<String, Object> config) {
        return new EventTimeMergingConsumer(consumer(config), this::eventTime, maxHeldPerPartition);
    }

    long eventTime(ConsumerRecord<byte[], byte[]> record) {
        if (!eventTopics.contains(record.topic())) {
            // a repartition topic: Kafka Streams reads its records' own timestamps, the event times they were written with
            return record.timestamp() >= 0 ? record.timestamp() : EventTimeMerge.PARTITION_TIME;
        }
        long t = parser.eventTime(record.value(), 0);
        return t == EventParser.NO_EVENT_TIME ? EventTimeMerge.PARTITION_TIME : t;
    }

    @Override
    public Admin getAdmin(Map<String, Object> config) {
        return Admin.create(config);
    }

    @Override
    public Producer<byte[], byte[]> getProducer(Map<String, Object> config) {
        return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    @Override
    public Consumer<byte[], byte[]> getRestoreConsumer(Map<String, Object> config) {
        return consumer(config);
    }

    @Override
    public Consumer<byte[], byte[]> getGlobalConsumer(Map<String, Object> config) {
        return consumer(config);
    }

    private static Consumer<byte[], byte[]> consumer(Map<String, Object> config) {
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
