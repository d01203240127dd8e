package io.customerinsight.kafka;

import io.customerinsight.events.ContractLimits;
import io.customerinsight.events.EventParser;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The time the merge orders a record by is the one Kafka Streams gives it: an input event's own
 * {@code timestamp}, and on the re-keyed topic (which Kafka Streams reads with the record's timestamp, the
 * event time it was written with) the record's timestamp.
 */
class EventTimeMergingClientSupplierTest {
    private static final long T0 = Instant.parse("2026-11-30T10:00:00Z").toEpochMilli();
    private static final TopicPartition CLICKS = new TopicPartition("clickstream", 0);
    private static final TopicPartition FEEDBACK = new TopicPartition("feedback", 0);
    private static final TopicPartition REKEYED = new TopicPartition("app-input-rekeyed-repartition", 0);

    private final EventTimeMergingClientSupplier supplier = new EventTimeMergingClientSupplier(
            Set.of("clickstream", "feedback"), new EventParser(ContractLimits.defaults()), 100);

    @Test
    void anInputEventIsOrderedByItsOwnTimestampNotTheRecords() {
        assertThat(supplier.eventTime(record(CLICKS, 0, T0 + 99, click("e1", T0)))).isEqualTo(T0);
        assertThat(supplier.eventTime(record(CLICKS, 1, T0, "not json"))).isEqualTo(EventTimeMerge.PARTITION_TIME);
    }

    @Test
    void aRekeyedRecordIsOrderedByTheTimeItWasWrittenWith() {
        assertThat(supplier.eventTime(record(REKEYED, 0, T0 + 5, "c" + click("e1", T0 + 5)))).isEqualTo(T0 + 5);
    }

    /** A re-keyed record waits for the clicks before it, as with Kafka Streams' own idling (it went first). */
    @Test
    void aRekeyedRecordWaitsForTheInputsBeforeIt() {
        EventTimeMerge merge = new EventTimeMerge(supplier::eventTime, 100);
        merge.assign(List.of(CLICKS, FEEDBACK, REKEYED));
        add(merge, record(REKEYED, 0, T0 + 25, "c" + click("r1", T0 + 25)));
        add(merge, record(CLICKS, 0, T0 + 10, click("e1", T0 + 10)), record(CLICKS, 1, T0 + 20, click("e2", T0 + 20)));
        Map<TopicPartition, OptionalLong> lags = Map.of(CLICKS, OptionalLong.of(1), FEEDBACK, OptionalLong.of(0),
                REKEYED, OptionalLong.of(0));

        assertThat(released(merge, lags)).containsExactly("e1", "e2");

        add(merge, record(CLICKS, 2, T0 + 30, click("e3", T0 + 30)));
        assertThat(released(merge, lags)).containsExactlyInAnyOrder("r1", "e3");
    }

    private static String click(String id, long time) {
        return "{\"eventId\":\"" + id + "\",\"customerId\":\"c1\",\"type\":\"page_view\",\"sessionId\":\"s\","
                + "\"timestamp\":" + time + "}";
    }

    private static ConsumerRecord<byte[], byte[]> record(TopicPartition tp, long offset, long timestamp, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        return new ConsumerRecord<>(tp.topic(), tp.partition(), offset, timestamp, TimestampType.CREATE_TIME,
                0, bytes.length, null, bytes, new RecordHeaders(), Optional.empty());
    }

    @SafeVarargs
    private static void add(EventTimeMerge merge, ConsumerRecord<byte[], byte[]>... records) {
        TopicPartition tp = new TopicPartition(records[0].topic(), records[0].partition());
        merge.add(new ConsumerRecords<>(Map.of(tp, List.of(records)),
                Map.of(tp, new OffsetAndMetadata(records[records.length - 1].offset() + 1))));
    }

    private static List<String> released(EventTimeMerge merge, Map<TopicPartition, OptionalLong> lags) {
        List<String> ids = new ArrayList<>();
        merge.release(Set.of(), tp -> lags.getOrDefault(tp, OptionalLong.empty())).records.values()
                .forEach(records -> records.forEach(r -> {
                    String v = new String(r.value(), StandardCharsets.UTF_8);
                    int at = v.indexOf("\"eventId\":\"") + 11;
                    ids.add(v.substring(at, v.indexOf('"', at)));
                }));
        return ids;
    }
}
