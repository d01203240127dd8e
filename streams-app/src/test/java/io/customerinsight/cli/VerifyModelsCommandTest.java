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
    void aGoodModelDirectoryPassesAndATamperedOneIsRefused() throws IOException {
        BundledModels.copyTo(dir);
        assertThat(verify()).isZero();

        Path onnx = dir.resolve("segments/model.onnx");
        Files.write(onnx, new byte[] {1, 2, 3});
        assertThat(verify()).isEqualTo(1);
    }
}
