package io.customerinsight.tools;

import io.customerinsight.cli.InsightCli;
import io.customerinsight.cli.RunCommand;
import io.customerinsight.cli.ScoreTextCommand;
import io.customerinsight.cli.TopicsCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of {@code insight-tools.jar}: the demo on an in-JVM broker, the simulator, the bench, and the
 * replay and embed commands that model-export trains with; the runtime's commands are here too.
 */
@Command(name = "insight-tools.jar", mixinStandardHelpOptions = true, version = "customer-insight-streams 0.1.0",
        description = "Customer Insight Streams tools: demo, simulator, bench, training data.",
        subcommands = {DemoCommand.class, SimulateCommand.class, BenchCommand.class, DeliveryComparisonCommand.class,
                ReplayCommand.class, EmbedCommand.class, SentimentBenchCommand.class, RunCommand.class, TopicsCommand.class,
                ScoreTextCommand.class})
public final class ToolsCli implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        InsightCli.formatNumbersAsInUs();
        System.exit(InsightCli.withErrorHandling(new CommandLine(new ToolsCli())).execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
