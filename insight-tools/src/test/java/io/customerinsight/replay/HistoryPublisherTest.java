package io.customerinsight.replay;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A history file goes to the topics as a user's producer would send it, refused lines included. */
class HistoryPublisherTest {
    record Sent(boolean feedback, String key, Long timestamp, String value) {
    }

    @Test
    void eachLineIsSentAsItIsKeyedByItsCustomerAtItsEventTime(@TempDir Path dir) throws Exception {
        String click = "{\"eventId\":\"536365-purchase\",\"customerId\":\"17850\",\"type\":\"purchase\","
                + "\"timestamp\":1291191960002,\"sessionId\":\"order-536365\",\"amount\":15.3}";
        String feedback = "{\"feedbackId\":\"f1\",\"customerId\":\"12583\",\"timestamp\":1291191960500,"
                + "\"channel\":\"review\",\"text\":\"物流太慢了\"}";
        String refused = "{\"eventId\":\"e9\",\"customerId\":\"17850\",\"type\":\"purchase\",\"timestamp\":12}";
        Path history = Files.writeString(dir.resolve("h.jsonl"),
                click + "\n\n" + feedback + "\n" + refused + "\n", StandardCharsets.UTF_8);
        List<Sent> sent = new ArrayList<>();

        HistoryPublisher.Published published = HistoryPublisher.publish(history,
                (toFeedback, key, timestamp, value) -> sent.add(
                        new Sent(toFeedback, key, timestamp, new String(value, StandardCharsets.UTF_8))));

        assertThat(sent).containsExactly(
                new Sent(false, "17850", 1291191960002L, click),
                new Sent(true, "12583", 1291191960500L, feedback),
                // the pipeline dead-letters it with its reason, as it would live
                new Sent(false, null, null, refused));
        assertThat(published).isEqualTo(new HistoryPublisher.Published(1, 1, 1, "17850"));
    }

    @Test
    void aGzippedHistoryIsReadAsItsLines(@TempDir Path dir) throws Exception {
        String click = "{\"eventId\":\"e1\",\"customerId\":\"c1\",\"type\":\"page_view\","
                + "\"timestamp\":1291191960002,\"sessionId\":\"s1\"}";
        Path history = dir.resolve("h.jsonl.gz");
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(history))) {
            out.write((click + "\n" + click.replace("e1", "e2") + "\n").getBytes(StandardCharsets.UTF_8));
        }
        List<String> keys = new ArrayList<>();

        HistoryPublisher.Published published = HistoryPublisher.publish(history,
                (toFeedback, key, timestamp, value) -> keys.add(key));

        assertThat(keys).containsExactly("c1", "c1");
        assertThat(published.clicks()).isEqualTo(2);
    }
}
