package io.customerinsight.cli;

import io.customerinsight.kafka.BrokerUnreachableException;
import org.apache.kafka.common.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.Locale;

/**
 * Entry point of {@code streams-app.jar}, the runtime the image runs: the pipeline, its topics, and
 * sentiment of texts. The demo, simulator, bench, replay and embed live in {@code insight-tools.jar}.
 */
@Command(name = "streams-app.jar", mixinStandardHelpOptions = true, version = "customer-insight-streams 0.1.0",
        description = "Real-time customer insight: churn risk and feedback sentiment on Kafka Streams.",
        subcommands = {RunCommand.class, TopicsCommand.class, ScoreTextCommand.class, VerifyModelsCommand.class})
public final class InsightCli implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        formatNumbersAsInUs();
        System.exit(commandLine().execute(args));
    }

    /**
     * Makes US English the JVM's default locale for formatting. Kafka Streams (4.2 and later) formats a log
     * line with {@code String.format} for every empty input partition of a task on every record it processes,
     * whether or not the line is logged; on Java 17 each such call in any other locale (plain {@code en}
     * included) builds a {@code DecimalFormatSymbols}, which is half the line's cost. Nothing the pipeline
     * writes depends on the default locale: its outputs are JSON.
     */
    public static void formatNumbersAsInUs() {
        Locale.setDefault(Locale.Category.FORMAT, Locale.US);
    }

    public static CommandLine commandLine() {
        return withErrorHandling(new CommandLine(new InsightCli()));
    }

    /** Errors the user can act on (a bad setting, a bad model) as one line; anything else with its trace. */
    public static CommandLine withErrorHandling(CommandLine cli) {
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e.getMessage() == null || e instanceof RuntimeException && !(e instanceof IllegalArgumentException
                    || e instanceof ConfigException || e instanceof BrokerUnreachableException
                    || e instanceof io.customerinsight.scoring.ModelLoadException
                    || e instanceof io.customerinsight.actions.PlaybookException)) {
                e.printStackTrace(cmd.getErr());
            } else {
                cmd.getErr().println("error: " + e.getMessage());
            }
            return 2;
        });
        return cli;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
