package io.customerinsight.simulate;

import io.customerinsight.config.AppConfig;
import io.customerinsight.config.TopicRole;
import io.customerinsight.events.EventSerdes;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/** Publishes simulated events to the input topics, keyed by customer id, with the event time as record time. */
public final class KafkaEventSink implements Consumer<SimulatedEvent>, AutoCloseable {
    private final KafkaProducer<String, byte[]> producer;
    private final String clickstream;
    private final String feedback;

    public KafkaEventSink(AppConfig config) {
        Map<String, Object> props = new HashMap<>(config.kafkaSettings());
        props.keySet().removeIf(k -> !ProducerConfig.configNames().contains(k));
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        this.clickstream = config.topic(TopicRole.CLICKSTREAM);
        this.feedback = config.topic(TopicRole.FEEDBACK);
    }

    @Override
    public void accept(SimulatedEvent e) {
        String topic = e.click() != null ? clickstream : feedback;
        producer.send(new ProducerRecord<>(topic, null, e.timestamp(), e.customerId(),
                EventSerdes.json().serialize(topic, e.payload())));
    }

    /**
     * Publishes a record as it is, to the feedback topic or the clickstream.
     *
     * @param key       null for none
     * @param timestamp the record's time, or null for the producer's clock
     */
    public void send(boolean toFeedback, String key, Long timestamp, byte[] value) {
        producer.send(new ProducerRecord<>(toFeedback ? feedback : clickstream, null, timestamp, key, value));
    }

    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close();
    }
}
