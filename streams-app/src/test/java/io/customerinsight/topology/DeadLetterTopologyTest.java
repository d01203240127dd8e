package io.customerinsight.topology;

import io.customerinsight.config.InsightConfig;
import io.customerinsight.deadletter.DeadLetterRecords;
import io.customerinsight.testing.TopologyHarness;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Stream;

import static io.customerinsight.testing.Events.DAY;
import static io.customerinsight.testing.Events.HOUR;
import static io.customerinsight.testing.Events.T0;
import static io.customerinsight.testing.Events.click;
import static org.assertj.core.api.Assertions.assertThat;

class DeadLetterTopologyTest {

    static Stream<Arguments> invalidClicks() {
        String ok = click("e1", "c1", "page_view", T0, "s1");
        return Stream.of(
                Arguments.of("not_json", "this is not json".getBytes(StandardCharsets.UTF_8)),
                Arguments.of("not_json", "[1,2,3]".getBytes(StandardCharsets.UTF_8)),
                Arguments.of("not_utf8", new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'}),
                Arguments.of("missing_field", ok.replace("\"customerId\":\"c1\",", "").getBytes(StandardCharsets.UTF_8)),
                Arguments.of("wrong_type", ok.replace("\"type\":\"page_view\"", "\"type\":7").getBytes(StandardCharsets.UTF_8)),
                Arguments.of("wrong_type", ok.replace("\"timestamp\":" + T0, "\"timestamp\":\"yesterday\"").getBytes(StandardCharsets.UTF_8)),
                Arguments.of("timestamp_out_of_range", ok.replace("\"timestamp\":" + T0, "\"timestamp\":12").getBytes(StandardCharsets.UTF_8)),
                Arguments.of("timestamp_out_of_range", ok.replace("\"timestamp\":" + T0, "\"timestamp\":" + (System.currentTimeMillis() + 30 * DAY)).getBytes(StandardCharsets.UTF_8)),
                Arguments.of("invalid_value", ok.replace("}", ",\"amount\":-5}").getBytes(StandardCharsets.UTF_8)),
                Arguments.of("oversize", ok.replace("}", ",\"category\":\"" + "x".repeat(70_000) + "\"}").getBytes(StandardCharsets.UTF_8)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidClicks")
    void invalidClickGoesToDeadLetterTopicWithOriginalBytesAndReason(String reason, byte[] value) {
        try (var h = new TopologyHarness()) {
            h.clicks.pipeInput("c1", value);
            h.click("c2", click("e2", "c2", "page_view", T0, "s2"));

            TestRecord<byte[], byte[]> dead = h.dlq.readRecord();
            assertThat(dead.value()).isEqualTo(value);
            assertThat(dead.key()).isEqualTo("c1".getBytes(StandardCharsets.UTF_8));
            assertThat(header(dead, DeadLetterRecords.REASON)).isEqualTo(reason);
            assertThat(header(dead, DeadLetterRecords.SOURCE_TOPIC)).isEqualTo("clickstream");
            assertThat(header(dead, DeadLetterRecords.SOURCE_OFFSET)).isEqualTo("0");
            assertThat(h.dlq.isEmpty()).isTrue();
            // the app kept going: the valid record after it was processed
            assertThat(h.profiles.readKeyValuesToMap()).containsKey("c2");
            assertThat(h.metrics.count("insight.invalid.records", "reason", reason)).isEqualTo(1.0);
        }
    }

    @Test
    void invalidFeedbackGoesToDeadLetterTopic() {
        try (var h = new TopologyHarness()) {
            h.feedback("c1", "{\"feedbackId\":\"f1\",\"customerId\":\"c1\",\"timestamp\":" + T0
                    + ",\"channel\":\"carrier-pigeon\",\"text\":\"hello\"}");
            h.feedback("c1", "{\"feedbackId\":\"f2\",\"customerId\":\"c1\",\"timestamp\":" + T0
                    + ",\"channel\":\"review\",\"text\":\"ok\",\"rating\":9}");
            assertThat(h.dlq.readRecordsToList()).extracting(r -> header(r, DeadLetterRecords.REASON))
                    .containsExactly("invalid_value", "invalid_value");
            assertThat(h.scored.isEmpty()).isTrue();
        }
    }

    @Test
    void timestampMistakesAreNamedInTheMessage() {
        try (var h = new TopologyHarness()) {
            String ok = click("e1", "c1", "page_view", T0, "s1");
            h.click("c1", ok.replace("\"timestamp\":" + T0, "\"timestamp\":" + T0 / 1000));
            h.click("c1", ok.replace("\"timestamp\":" + T0, "\"timestamp\":\"2026-10-30T10:00:00\""));
            h.click("c1", ok.replace("\"timestamp\":" + T0, "\"timestamp\":" + T0 / 1000 + ".25"));
            h.click("c1", ok.replace("\"timestamp\":" + T0, "\"timestamp\":" + T0 + ".0"));
            // beyond a long: 2^64 + T0 once read as T0 (the long of a big integer dropped its high bits)
            h.click("c2", ok.replace("c1", "c2").replace("\"timestamp\":" + T0, "\"timestamp\":"
                    + java.math.BigInteger.TWO.pow(64).add(java.math.BigInteger.valueOf(T0))));

            var dead = h.dlq.readRecordsToList();
            assertThat(dead).extracting(r -> header(r, DeadLetterRecords.REASON))
                    .containsExactly("timestamp_out_of_range", "wrong_type", "wrong_type", "timestamp_out_of_range");
            assertThat(header(dead.get(0), DeadLetterRecords.MESSAGE)).contains("epoch seconds");
            assertThat(header(dead.get(1), DeadLetterRecords.MESSAGE)).contains("no offset");
            assertThat(header(dead.get(2), DeadLetterRecords.MESSAGE)).contains("fraction").contains("epoch seconds");
            // a whole number written with a point is the integer JSON Schema says it is
            assertThat(h.profiles.readKeyValuesToMap()).containsKey("c1");
        }
    }

    @Test
    void twoEventsInOneRecordAreRejectedWholeNotHalfRead() {
        try (var h = new TopologyHarness()) {
            String first = click("e1", "c1", "purchase", T0, "s1").replace("}", ",\"amount\":20}");
            String second = click("e2", "c1", "purchase", T0 + 1, "s1").replace("}", ",\"amount\":30}");
            h.click("c1", first + "\n" + second);
            h.click("c1", first + second);
            h.click("c2", click("e3", "c2", "page_view", T0, "s2"));

            var dead = h.dlq.readRecordsToList();
            assertThat(dead).extracting(r -> header(r, DeadLetterRecords.REASON))
                    .containsExactly("not_json", "not_json");
            assertThat(header(dead.get(0), DeadLetterRecords.MESSAGE)).contains("one JSON object per record");
            // neither purchase was counted: the first half of a record is not an event
            assertThat(h.profiles.readKeyValuesToMap()).containsOnlyKeys("c2");
        }
    }

    @Test
    void anAmountNoOrderReachesIsRejectedWhileALargeRealOneIsCounted() {
        try (var h = new TopologyHarness()) {
            // 1e308 is a finite double but no float bucket holds it: the profile once said "Infinity"
            h.click("c1", click("e1", "c1", "purchase", T0, "s1").replace("}", ",\"amount\":1e308}"));
            h.click("c1", click("e2", "c1", "purchase", T0 + 1, "s1").replace("}", ",\"amount\":2e12}"));
            // a car bought in Vietnamese dong
            h.click("c2", click("e3", "c2", "purchase", T0, "s2").replace("}", ",\"amount\":950000000}"));

            var dead = h.dlq.readRecordsToList();
            assertThat(dead).extracting(r -> header(r, DeadLetterRecords.REASON))
                    .containsExactly("invalid_value", "invalid_value");
            assertThat(header(dead.get(0), DeadLetterRecords.MESSAGE)).contains("'amount' must be from 0 to 1.0E12");
            var profiles = h.profiles.readKeyValuesToMap();
            assertThat(profiles).containsOnlyKeys("c2");
            assertThat(profiles.get("c2").summary()).containsEntry("spend_lifetime", 9.5e8);
        }
    }

    @Test
    void aFieldGivenTwiceIsRejectedNotResolvedByTheLastValue() {
        try (var h = new TopologyHarness()) {
            String twice = click("e1", "c1", "purchase", T0, "s1").replace("}", ",\"amount\":20,\"amount\":2000}");
            h.click("c1", twice);
            h.click("c2", click("e2", "c2", "page_view", T0, "s2"));

            var dead = h.dlq.readRecordsToList();
            assertThat(dead).extracting(r -> header(r, DeadLetterRecords.REASON)).containsExactly("not_json");
            assertThat(header(dead.get(0), DeadLetterRecords.MESSAGE)).contains("'amount'").contains("twice");
            assertThat(h.profiles.readKeyValuesToMap()).containsOnlyKeys("c2");
        }
    }

    @Test
    void aFieldGivenTwiceOutsideTheContractIsRejectedToo() {
        try (var h = new TopologyHarness()) {
            h.click("c1", click("e1", "c1", "page_view", T0, "s1").replace("}", ",\"ref\":\"a\",\"ref\":\"b\"}"));
            h.click("c3", click("e3", "c3", "page_view", T0, "s3").replace("}", ",\"ctx\":{\"k\":1,\"k\":2}}"));
            h.click("c2", click("e2", "c2", "page_view", T0, "s2").replace("}", ",\"ctx\":{\"k\":1},\"ref\":\"a\"}"));

            var dead = h.dlq.readRecordsToList();
            assertThat(dead).extracting(r -> header(r, DeadLetterRecords.MESSAGE))
                    .containsExactly("field 'ref' is given twice", "field 'k' is given twice");
            assertThat(h.profiles.readKeyValuesToMap()).containsOnlyKeys("c2");
        }
    }

    @Test
    void eventOlderThanGraceGoesToDeadLetterTopicAsLate() {
        try (var h = new TopologyHarness(Map.of(InsightConfig.GRACE, "1h"))) {
            h.click("c1", click("e1", "c1", "page_view", T0 + 5 * HOUR, "s1"));
            String late = click("e2", "c1", "page_view", T0 + 3 * HOUR, "s1");
            h.click("c1", late);
            String withinGrace = click("e3", "c1", "page_view", T0 + 4 * HOUR + 30 * 60_000, "s1");
            h.click("c1", withinGrace);

            var dead = h.dlq.readRecordsToList();
            assertThat(dead).hasSize(1);
            assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).isEqualTo(late);
            assertThat(header(dead.get(0), DeadLetterRecords.REASON)).isEqualTo("late_event");
        }
    }

    static String header(TestRecord<byte[], byte[]> r, String key) {
        Header h = r.headers().lastHeader(key);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
