package io.customerinsight.ops;

import org.apache.kafka.streams.KafkaStreams;

/**
 * What the health endpoints report. Live while the Streams client can still make progress (any state but
 * ERROR, PENDING_ERROR and NOT_RUNNING); ready only when it is RUNNING and the models are loaded.
 */
public record Health(KafkaStreams.State streamsState, boolean modelsLoaded) {
    public boolean live() {
        return switch (streamsState) {
            case ERROR, PENDING_ERROR, NOT_RUNNING -> false;
            default -> true;
        };
    }

    public boolean ready() {
        return modelsLoaded && streamsState == KafkaStreams.State.RUNNING;
    }
}
