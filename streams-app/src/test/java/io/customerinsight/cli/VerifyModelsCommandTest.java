package io.customerinsight.cli;

import io.customerinsight.testing.BundledModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class VerifyModelsCommandTest {
    @TempDir
    Path dir;

    private int verify() {
        return InsightCli.commandLine().execute("verify-models", "--models-dir", dir.toString(), "--engine", "fast");
    }

    /** What verify-models prints on the bundled models with the fast engine and these further arguments. */
    private String printed(String... settings) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            String[] args = {"verify-models", "--models-dir", dir.toString(), "--engine", "fast"};
            String[] all = java.util.stream.Stream.concat(Arrays.stream(args), Arrays.stream(settings))
                    .toArray(String[]::new);
            assertThat(InsightCli.commandLine().execute(all)).isZero();
        } finally {
            System.setOut(stdout);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void itSaysWhatTheAlertPolicyWillBeWithThisModelAndTheseSettings() throws IOException {
        BundledModels.copyTo(dir);
        // the bundled card: thresholds, and rows of customers active within 30 days
        assertThat(printed("--set", "insight.alert.cooldown=7d")).containsPattern(
                "alerts\tmedium from 0\\.\\d{4}, high from 0\\.\\d{4} \\(left 0\\.05 below\\); a held level again "
                        + "after 7d; no alert for a customer silent longer than 30d \\(lapsed\\)");
    }

    @Test
    void itSaysWhatTheCardExpectsOfTheAlertsSoThatOpsCanCompareWhatComesTrue() throws IOException {
        BundledModels.copyTo(dir);
        // the bundled card's validation rows: the shares of rows each level flags, and how many of the alerts
        // entering it came true
        assertThat(printed()).contains(
                "expected\tmedium flags 0.0411 of the rows, and 0.1879 of its 495 level-entry alerts came true; "
                        + "high flags 0.0205, and 0.565 of its 331 came true (the card's validation rows)");
    }

    @Test
    void aGoodModelDirectoryPassesAndATamperedOneIsRefused() throws IOException {
        BundledModels.copyTo(dir);
        assertThat(verify()).isZero();

        Path onnx = dir.resolve("segments/model.onnx");
        Files.write(onnx, new byte[] {1, 2, 3});
        assertThat(verify()).isEqualTo(1);
    }
}
