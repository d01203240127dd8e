package io.customerinsight.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

class EventTimeMergeTest {
    private static final TopicPartition CLICKS = new TopicPartition("clickstream", 0);
    private static final TopicPartition FEEDBACK = new TopicPartition("feedback", 0);
    private static final TopicPartition OTHER_TASK_CLICKS = new TopicPartition("clickstream", 1);

    private int timesRead;
    /** values are their event times as text; "?" has none */
    private final EventTimeMerge merge = new EventTimeMerge(r -> {
        timesRead++;
        String v = new String(r.value(), StandardCharsets.UTF_8);
        return v.equals("?") ? EventTimeMerge.PARTITION_TIME : Long.parseLong(v);
    }, 3);
    private final Map<TopicPartition, OptionalLong> lags = new HashMap<>();
    private final Function<TopicPartition, OptionalLong> lag = tp -> lags.getOrDefault(tp, OptionalLong.empty());

    @BeforeEach
    void assign() {
        merge.assign(List.of(CLICKS, FEEDBACK, OTHER_TASK_CLICKS));
    }

    @Test
    void aRecordWaitsWhileAnotherInputOfItsTaskHasNotBeenFetched() {
        fetch(CLICKS, 0, "10", "20", "30");

        assertThat(released(Set.of())).isEmpty();

        lags.put(FEEDBACK, OptionalLong.of(4));
        assertThat(released(Set.of())).isEmpty();
    }

    @Test
    void theInputsOfATaskAreHandedOnInEventTimeOrder() {
        lags.put(CLICKS, OptionalLong.of(0));
        lags.put(FEEDBACK, OptionalLong.of(3));
        fetch(CLICKS, 0, "10", "20", "30");
        fetch(FEEDBACK, 0, "15");

        // feedback may still deliver something after 15: the clicks after it wait
        assertThat(released(Set.of())).containsExactlyInAnyOrder("clickstream:10", "feedback:15");

        fetch(FEEDBACK, 1, "25");
        assertThat(released(Set.of())).containsExactlyInAnyOrder("clickstream:20", "feedback:25");

        lags.put(FEEDBACK, OptionalLong.of(0));
        assertThat(released(Set.of())).containsExactly("clickstream:30");
    }

    @Test
    void anInputCaughtUpWithTheBrokerHoldsNothingBack() {
        lags.put(FEEDBACK, OptionalLong.of(0));
        fetch(CLICKS, 0, "10", "20");

        assertThat(released(Set.of())).containsExactly("clickstream:10", "clickstream:20");
    }

    @Test
    void noEventTimeIsReadWhileNothingElseOfTheTaskCanComeFirst() {
        lags.put(FEEDBACK, OptionalLong.of(0));
        fetch(CLICKS, 0, "10", "20");

        assertThat(released(Set.of())).hasSize(2);
        assertThat(timesRead).isZero();

        // now the feedback partition has lag: the next click must be compared with what it handed on
        lags.put(FEEDBACK, OptionalLong.of(1));
        fetch(FEEDBACK, 0, "15");
        fetch(CLICKS, 2, "30");
        assertThat(released(Set.of())).containsExactly("feedback:15");
        assertThat(timesRead).isEqualTo(2);
    }

    @Test
    void tasksAreMergedApart() {
        lags.put(FEEDBACK, OptionalLong.of(2));
        fetch(CLICKS, 0, "10");
        fetch(OTHER_TASK_CLICKS, 0, "5");

        assertThat(released(Set.of())).containsExactly("clickstream:5");
    }

    @Test
    void aPausedPartitionHoldsBackItsWholeTask() {
        lags.put(CLICKS, OptionalLong.of(0));
        lags.put(FEEDBACK, OptionalLong.of(0));
        fetch(CLICKS, 0, "10");
        fetch(FEEDBACK, 0, "15");

        assertThat(released(Set.of(CLICKS))).isEmpty();
        assertThat(released(Set.of())).containsExactlyInAnyOrder("clickstream:10", "feedback:15");
    }

    @Test
    void aRecordWithoutEventTimeTakesItsPartitionsTime() {
        lags.put(FEEDBACK, OptionalLong.of(1));
        fetch(FEEDBACK, 0, "15");
        fetch(CLICKS, 0, "10", "?", "20");

        assertThat(released(Set.of())).containsExactlyInAnyOrder("clickstream:10", "clickstream:?", "feedback:15");
    }

    @Test
    void offsetsAreThoseOfTheFirstHeldRecordUntilNoneIsHeld() {
        lags.put(FEEDBACK, OptionalLong.of(1));
        fetch(CLICKS, 0, "10", "20");
        fetch(FEEDBACK, 0, "15");

        EventTimeMerge.Released first = merge.release(Set.of(), lag);
        assertThat(first.nextOffsets().get(CLICKS).offset()).isEqualTo(1);
        assertThat(merge.firstHeldOffset(CLICKS)).hasValue(1);
        assertThat(merge.held(CLICKS)).isEqualTo(1);

        lags.put(FEEDBACK, OptionalLong.of(0));
        EventTimeMerge.Released second = merge.release(Set.of(), lag);
        assertThat(second.nextOffsets().get(CLICKS).offset()).isEqualTo(2);
        assertThat(merge.firstHeldOffset(CLICKS)).isEmpty();
    }

    @Test
    void aPartitionHoldingTooMuchIsFullAndForgettingItDropsItsRecords() {
        fetch(CLICKS, 0, "10", "20", "30");

        assertThat(merge.full()).containsExactly(CLICKS);

        merge.forget(List.of(CLICKS));
        assertThat(merge.held(CLICKS)).isZero();
        assertThat(merge.full()).isEmpty();
    }

    @Test
    void aPartitionMovedToAnotherOffsetHoldsItsTaskBackUntilItDeliversAgain() {
        lags.put(CLICKS, OptionalLong.of(0));
        lags.put(FEEDBACK, OptionalLong.of(5));
        fetch(CLICKS, 0, "10");
        fetch(FEEDBACK, 0, "15");
        assertThat(released(Set.of())).containsExactlyInAnyOrder("clickstream:10", "feedback:15");

        merge.forget(List.of(FEEDBACK)); // sought back: what it delivered before no longer bounds its next record
        fetch(CLICKS, 1, "11");
        assertThat(released(Set.of())).isEmpty();

        merge.unassign(List.of(FEEDBACK)); // revoked: no longer this consumer's to wait for
        assertThat(released(Set.of())).containsExactly("clickstream:11");
    }

    private void fetch(TopicPartition tp, long firstOffset, String... values) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            records.add(new ConsumerRecord<>(tp.topic(), tp.partition(), firstOffset + i, null,
                    values[i].getBytes(StandardCharsets.UTF_8)));
        }
        merge.add(new ConsumerRecords<>(Map.of(tp, records),
                Map.of(tp, new OffsetAndMetadata(firstOffset + values.length))));
    }

    private List<String> released(Set<TopicPartition> paused) {
        EventTimeMerge.Released out = merge.release(paused, lag);
        List<String> all = new ArrayList<>(); // partition by partition, each in its own order
        out.records.values().forEach(records -> records.forEach(
                r -> all.add(r.topic() + ":" + new String(r.value(), StandardCharsets.UTF_8))));
        return all;
    }
}
