package io.customerinsight.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;

import static org.assertj.core.api.Assertions.assertThat;

class TopicsCommandTest {
    @Test
    void applyAgainstAClosedPortNamesTheAddressAndGivesUpWithinItsTimeout() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        StringWriter err = new StringWriter();
        CommandLine cli = InsightCli.commandLine();
        cli.setErr(new PrintWriter(err));
        long started = System.nanoTime();
        int exit = cli.execute("topics", "apply", "--bootstrap-servers", "127.0.0.1:" + closed, "--timeout", "3s");
        double seconds = (System.nanoTime() - started) / 1e9;

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("no Kafka broker answered at 127.0.0.1:" + closed)
                .contains("within 3 s").doesNotContain("\tat ");
        assertThat(seconds).as("seconds until it gave up").isLessThan(20);
    }
}
