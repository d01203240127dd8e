package io.customerinsight.testing;

import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real program from the machine (Debian's prometheus and promtool) that a test drives. On CI (the
 * {@code CI} environment variable is set, as {@code .ci/run} installs them) a missing program fails the
 * test; on a developer machine without it the test is skipped with a message saying what to install.
 */
public final class ExternalTool {
    private ExternalTool() {
    }

    public static Path require(String name, String debianPackage) {
        Path found = Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(dir -> Path.of(dir, name)).filter(Files::isExecutable).findFirst().orElse(null);
        if (found == null) {
            String message = name + " is not installed (apt-get install " + debianPackage + ")";
            if (System.getenv("CI") != null) {
                throw new AssertionError(message);
            }
            Assumptions.abort(message);
        }
        return found;
    }

    public record Result(int exitCode, String output) {
    }

    /** Runs the program to completion (at most 120 s) and returns its exit code and merged output. */
    public static Result run(Path workDir, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(new ArrayList<>(List.of(command))).directory(workDir.toFile())
                .redirectErrorStream(true).start();
        boolean done = process.waitFor(120, TimeUnit.SECONDS);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!done) {
            process.destroyForcibly();
        }
        assertThat(done).as("%s finished within 120 s", command[0]).isTrue();
        return new Result(process.exitValue(), output);
    }
}
