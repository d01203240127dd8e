package io.customerinsight.config;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsConfig;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Which keys Kafka Streams and its clients know, plain or behind one of Streams' client prefixes. */
final class KafkaKeys {
    private static final Set<String> PLAIN = new HashSet<>();
    private static final Map<String, Set<String>> PREFIXED;

    static {
        Set<String> consumer = ConsumerConfig.configNames();
        Set<String> producer = ProducerConfig.configNames();
        Set<String> admin = AdminClientConfig.configNames();
        Set<String> topic = new HashSet<>();
        for (java.lang.reflect.Field f : TopicConfig.class.getFields()) {
            if (f.getName().endsWith("_CONFIG") && f.getType() == String.class) {
                try {
                    topic.add((String) f.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        PLAIN.addAll(StreamsConfig.configDef().names());
        PLAIN.addAll(consumer);
        PLAIN.addAll(producer);
        PLAIN.addAll(admin);
        // the longer prefixes first: "main.consumer." must not be read as "main." + "consumer..."
        PREFIXED = Map.of(
                StreamsConfig.MAIN_CONSUMER_PREFIX, consumer,
                StreamsConfig.RESTORE_CONSUMER_PREFIX, consumer,
                StreamsConfig.GLOBAL_CONSUMER_PREFIX, consumer,
                StreamsConfig.CONSUMER_PREFIX, consumer,
                StreamsConfig.PRODUCER_PREFIX, producer,
                StreamsConfig.ADMIN_CLIENT_PREFIX, admin,
                StreamsConfig.TOPIC_PREFIX, topic);
    }

    private KafkaKeys() {
    }

    static boolean isKnown(String key) {
        if (PLAIN.contains(key)) {
            return true;
        }
        for (Map.Entry<String, Set<String>> e : PREFIXED.entrySet()) {
            if (key.startsWith(e.getKey()) && e.getValue().contains(key.substring(e.getKey().length()))) {
                return true;
            }
        }
        return false;
    }
}
