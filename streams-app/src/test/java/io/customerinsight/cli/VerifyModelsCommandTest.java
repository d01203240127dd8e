package io.customerinsight.cli;

import io.customerinsight.testing.BundledModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class VerifyModelsCommandTest {
    @TempDir
    Path dir;

    private int verify() {
        return InsightCli.commandLine().execute("verify-models", "--models-dir", dir.toString(), "--engine", "fast");
    }

    @Test
    void itSaysWhatTheAlertPolicyWillBeWithThisModelAndTheseSettings() throws IOException {
        BundledModels.copyTo(dir);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.PrintStream stdout = System.out;
        System.setOut(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            assertThat(InsightCli.commandLine().execute("verify-models", "--models-dir", dir.toString(), "--engine",
                    "fast", "--set", "insight.alert.cooldown=7d")).isZero();
        } finally {
            System.setOut(stdout);
        }
        // the bundled card: thresholds, and rows of customers active within 30 days
        assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8)).containsPattern(
                "alerts\tmedium from 0\\.\\d{4}, high from 0\\.\\d{4} \\(left 0\\.05 below\\); a held level again "
                        + "after 7d; no alert for a customer silent longer than 30d \\(lapsed\\)");
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
