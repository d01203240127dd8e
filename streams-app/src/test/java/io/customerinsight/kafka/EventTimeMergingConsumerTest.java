package io.customerinsight.kafka;

import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The merging consumer over a consumer whose fetches the test decides (the broker is not the subject here). */
class EventTimeMergingConsumerTest {
    private static final TopicPartition CLICKS = new TopicPartition("clickstream", 0);
    private static final TopicPartition FEEDBACK = new TopicPartition("feedback", 0);

    private final MockConsumer<byte[], byte[]> broker = new MockConsumer<>("earliest");
    private final EventTimeMergingConsumer consumer = new EventTimeMergingConsumer(broker,
            r -> Long.parseLong(new String(r.value(), StandardCharsets.UTF_8)), 3);
    private final List<TopicPartition> revoked = new ArrayList<>();

    @BeforeEach
    void assign() {
        consumer.subscribe(List.of("clickstream", "feedback"), new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                revoked.addAll(partitions);
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            }
        });
        broker.rebalance(List.of(CLICKS, FEEDBACK));
        broker.updateBeginningOffsets(Map.of(CLICKS, 0L, FEEDBACK, 0L));
    }

    @Test
    void aCommitNeverPassesAHeldRecord() {
        broker.updateEndOffsets(Map.of(CLICKS, 3L, FEEDBACK, 2L));
        add(CLICKS, 0, 10, 20, 30);

        assertThat(consumer.poll(Duration.ZERO).isEmpty()).isTrue();
        assertThat(consumer.position(CLICKS)).isZero(); // the broker's consumer is at 3 already
        assertThat(consumer.currentLag(CLICKS)).hasValue(3);

        add(FEEDBACK, 0, 15);
        ConsumerRecords<byte[], byte[]> released = consumer.poll(Duration.ZERO);
        assertThat(times(released, CLICKS)).containsExactly(10L);
        assertThat(times(released, FEEDBACK)).containsExactly(15L);
        assertThat(released.nextOffsets().get(CLICKS).offset()).isEqualTo(1);
        assertThat(consumer.position(CLICKS)).isEqualTo(1);

        add(FEEDBACK, 1, 40);
        released = consumer.poll(Duration.ZERO);
        assertThat(times(released, CLICKS)).containsExactly(20L, 30L);
        assertThat(released.nextOffsets().get(CLICKS).offset()).isEqualTo(3);
        assertThat(consumer.position(CLICKS)).isEqualTo(3);
    }

    @Test
    void pausesOfKafkaStreamsAndOfTheMergeAreKeptApart() {
        broker.updateEndOffsets(Map.of(CLICKS, 3L, FEEDBACK, 1L));
        add(CLICKS, 0, 10, 20, 30);
        consumer.poll(Duration.ZERO); // three held while feedback is not fetched: the limit

        assertThat(broker.paused()).containsExactly(CLICKS);
        assertThat(consumer.paused()).isEmpty();

        consumer.pause(List.of(CLICKS));
        consumer.resume(List.of(CLICKS)); // Kafka Streams' resume does not lift the merge's pause
        assertThat(broker.paused()).containsExactly(CLICKS);

        add(FEEDBACK, 0, 40);
        assertThat(times(consumer.poll(Duration.ZERO), CLICKS)).containsExactly(10L, 20L, 30L);
        consumer.poll(Duration.ZERO);
        assertThat(broker.paused()).isEmpty();
    }

    @Test
    void aRevokedOrSoughtPartitionLosesWhatItHeld() {
        broker.updateEndOffsets(Map.of(CLICKS, 2L, FEEDBACK, 1L));
        add(CLICKS, 0, 10, 20);
        consumer.poll(Duration.ZERO);

        consumer.seek(CLICKS, 0);
        assertThat(consumer.position(CLICKS)).isZero();
        assertThat(consumer.currentLag(CLICKS)).hasValue(2);

        add(CLICKS, 0, 10, 20);
        consumer.poll(Duration.ZERO);
        broker.rebalance(List.of(FEEDBACK));
        assertThat(revoked).containsExactly(CLICKS);
        add(FEEDBACK, 0, 15);
        assertThat(times(consumer.poll(Duration.ZERO), FEEDBACK)).containsExactly(15L);
    }

    private void add(TopicPartition tp, long firstOffset, long... times) {
        for (int i = 0; i < times.length; i++) {
            broker.addRecord(new ConsumerRecord<>(tp.topic(), tp.partition(), firstOffset + i, null,
                    Long.toString(times[i]).getBytes(StandardCharsets.UTF_8)));
        }
    }

    private static List<Long> times(ConsumerRecords<byte[], byte[]> records, TopicPartition tp) {
        List<Long> times = new ArrayList<>();
        records.records(tp).forEach(r -> times.add(Long.parseLong(new String(r.value(), StandardCharsets.UTF_8))));
        return times;
    }
}
