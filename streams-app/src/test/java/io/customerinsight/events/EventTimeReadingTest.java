package io.customerinsight.events;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** The event time read ahead of parsing is the one the parsed event has, or none where parsing rejects it. */
class EventTimeReadingTest {
    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    private final EventParser parser = new EventParser(ContractLimits.defaults()
            .withClock(Clock.fixed(NOW, ZoneOffset.UTC)));

    @Test
    void readsTheTimestampAsTheParserDoes() {
        String[] clicks = {
                "{\"eventId\":\"e1\",\"customerId\":\"c1\",\"type\":\"page_view\",\"sessionId\":\"s\",\"timestamp\":1764500000000}",
                "{\"properties\":{\"timestamp\":1},\"eventId\":\"e1\",\"customerId\":\"c1\",\"type\":\"page_view\","
                        + "\"sessionId\":\"s\",\"timestamp\":\"2026-11-30T18:15:30+08:00\"}",
                "{\"eventId\":\"e1\",\"customerId\":\"c1\",\"type\":\"page_view\",\"sessionId\":\"s\",\"timestamp\":1764500000000.0}",
        };
        for (String click : clicks) {
            byte[] value = click.getBytes(StandardCharsets.UTF_8);
            assertThat(parser.eventTime(value, 0)).as(click).isEqualTo(parser.parseClick(value).timestamp());
        }
    }

    @Test
    void readsAfterATagByte() {
        byte[] value = "c{\"timestamp\":\"2026-11-30T10:15:30Z\"}".getBytes(StandardCharsets.UTF_8);

        assertThat(parser.eventTime(value, 1)).isEqualTo(Instant.parse("2026-11-30T10:15:30Z").toEpochMilli());
    }

    @Test
    void aTimestampTheParserWouldRejectGivesNone() {
        String[] invalid = {
                "{\"eventId\":\"e1\"}",
                "{\"timestamp\":1764500000000.5}",
                "{\"timestamp\":\"2026-11-30T10:15:30\"}",
                "{\"timestamp\":1764500000}",
                "{\"timestamp\":true}",
                "{\"timestamp\":null}",
                "[1764500000000]",
                "{\"timestamp\":",
                "not json",
                "",
        };
        for (String value : invalid) {
            assertThat(parser.eventTime(value.getBytes(StandardCharsets.UTF_8), 0)).as(value)
                    .isEqualTo(EventParser.NO_EVENT_TIME);
        }
        assertThat(parser.eventTime(null, 0)).isEqualTo(EventParser.NO_EVENT_TIME);
    }
}
