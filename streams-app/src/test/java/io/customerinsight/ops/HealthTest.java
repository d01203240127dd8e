package io.customerinsight.ops;

import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HealthTest {
    @Test
    void notReadyBecauseNoBrokerAnswersSaysSoAndNamesTheServers() {
        Health h = new Health(KafkaStreams.State.REBALANCING, true, 0, "kafka-0:9092");
        assertThat(h.live()).isTrue();
        assertThat(h.ready()).isFalse();
        assertThat(h.reason()).contains("no Kafka broker answers at kafka-0:9092");
    }

    @Test
    void aRebalanceWithBrokersConnectedIsJustARebalanceAndRunningHasNoReason() {
        assertThat(new Health(KafkaStreams.State.REBALANCING, true, 3, "kafka-0:9092").reason())
                .isEqualTo("Kafka Streams is REBALANCING");
        assertThat(new Health(KafkaStreams.State.RUNNING, true, 3, "kafka-0:9092").reason()).isNull();
        assertThat(new Health(KafkaStreams.State.RUNNING, false, 3, "kafka-0:9092").reason())
                .isEqualTo("the models are not loaded");
    }
}
