package io.customerinsight.ops;

import org.apache.kafka.streams.KafkaStreams;

/**
 * What the health endpoints report. Live while the Streams client can still make progress (any state but
 * ERROR, PENDING_ERROR and NOT_RUNNING); ready only when it is RUNNING and the models are loaded. When not
 * ready, {@code reason} says why in words an operator can act on: a cluster that does not answer reads as
 * {@code REBALANCING} in Kafka Streams' own state.
 *
 * @param brokerConnections open connections of the instance's Kafka clients (-1 when unknown)
 * @param bootstrapServers  where the clients connect, for the reason
 */
public record Health(KafkaStreams.State streamsState, boolean modelsLoaded, int brokerConnections,
                     String bootstrapServers) {
    public Health(KafkaStreams.State streamsState, boolean modelsLoaded) {
        this(streamsState, modelsLoaded, -1, null);
    }

    public boolean live() {
        return switch (streamsState) {
            case ERROR, PENDING_ERROR, NOT_RUNNING -> false;
            default -> true;
        };
    }

    public boolean ready() {
        return modelsLoaded && streamsState == KafkaStreams.State.RUNNING;
    }

    /** Why the instance is not ready, or null when it is. */
    public String reason() {
        if (!modelsLoaded) {
            return "the models are not loaded";
        }
        if (streamsState == KafkaStreams.State.RUNNING) {
            return null;
        }
        if (live() && brokerConnections == 0) {
            return "no Kafka broker answers at " + bootstrapServers + " (the log's WARN lines of "
                    + "org.apache.kafka.clients.NetworkClient say why)";
        }
        return "Kafka Streams is " + streamsState;
    }
}
