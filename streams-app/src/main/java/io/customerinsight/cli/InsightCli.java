package io.customerinsight.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code streams-app.jar}: one subcommand per job. */
@Command(name = "streams-app.jar", mixinStandardHelpOptions = true, version = "customer-insight-streams 0.1.0",
        description = "Real-time customer insight: churn risk and feedback sentiment on Kafka Streams.",
        subcommands = {RunCommand.class, DemoCommand.class, SimulateCommand.class, ReplayCommand.class,
                ScoreTextCommand.class, EmbedCommand.class, TopicsCommand.class, BenchCommand.class})
public final class InsightCli implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new InsightCli());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e.getMessage() == null || e instanceof RuntimeException && !(e instanceof IllegalArgumentException
                    || e instanceof io.customerinsight.scoring.ModelLoadException)) {
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
