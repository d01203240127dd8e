package io.customerinsight.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReplayCommandTest {
    private static final long T0 = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
    private static final long DAY = 86_400_000L;

    private static String purchase(String id, String customer, long ts) {
        return "{\"eventId\":\"" + id + "\",\"customerId\":\"" + customer + "\",\"type\":\"purchase\",\"timestamp\":"
                + ts + ",\"sessionId\":\"" + id + "\",\"productId\":\"p-1\",\"amount\":20,\"currency\":\"EUR\"}";
    }

    /**
     * A retail label of 60 days: a customer silent for 45 days has not churned yet, and the app must be able to
     * judge them, so by default the rows sample every customer active within the horizon (the card says so).
     */
    @Test
    void byDefaultCustomersAreSampledWhileSilentForUpToTheHorizon(@TempDir Path dir) throws Exception {
        List<String> lines = new ArrayList<>();
        lines.add(purchase("a0", "a", T0));
        lines.add(purchase("a1", "a", T0 + 100 * DAY));
        for (int d = 0; d <= 140; d += 7) { // a regular customer, whose history spans the cutoffs
            lines.add(purchase("z" + d, "z", T0 + d * DAY));
        }
        Path history = Files.write(dir.resolve("h.jsonl"), lines);
        Path rows = dir.resolve("rows.csv");
        int exit = new CommandLine(new ToolsCli()).execute("replay", "--input", history.toString(), "--output",
                rows.toString(), "--engine", "fast", "--horizon", "60d", "--label-activity", "purchase");
        assertThat(exit).isZero();
        // cutoffs at days 30, 37, ... 79; "a" was last active on day 0: silent 30, 37, 44, 51 and 58 days, and
        // buys again on day 100, within the horizon of the last three
        assertThat(Files.readAllLines(rows)).filteredOn(l -> l.startsWith("a,"))
                .extracting(l -> l.substring(l.lastIndexOf(',') + 1)).containsExactly("1", "1", "0", "0", "0");
        JsonNode meta = new ObjectMapper().readTree(Path.of(rows + ".meta.json").toFile());
        assertThat(meta.at("/label/activeWithin").asText()).isEqualTo("60d");
    }
}
