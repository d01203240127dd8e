package io.customerinsight.tools;

import io.customerinsight.cli.ConfigOptions;
import io.customerinsight.config.AppConfig;
import io.customerinsight.config.Durations;
import io.customerinsight.events.EventSerdes;
import io.customerinsight.simulate.ActivitySimulator;
import io.customerinsight.simulate.KafkaEventSink;
import io.customerinsight.simulate.SimulationRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;

@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Produce realistic synthetic clickstream and feedback.",
                "To a cluster (paced, starting --history in the past and catching up with the clock), "
                        + "or with --output to a JSON-lines file of --days of history, as fast as possible."})
public final class SimulateCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions options;

    @Option(names = "--customers", defaultValue = "2000", description = "population size (default ${DEFAULT-VALUE})")
    int customers;

    @Option(names = "--events-per-second", defaultValue = "2000", description = "target rate (default ${DEFAULT-VALUE})")
    double rate;

    @Option(names = "--duration", defaultValue = "60s", description = "how long to produce (default ${DEFAULT-VALUE})")
    String duration;

    @Option(names = "--history", defaultValue = "30d",
            description = "simulated time starts this far in the past (default ${DEFAULT-VALUE})")
    String history;

    @Option(names = "--churn-fraction", defaultValue = "0.25", description = "share of churners (default ${DEFAULT-VALUE})")
    double churnFraction;

    @Option(names = "--seed", defaultValue = "42", description = "random seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--output", description = "write JSON lines to this file instead of a cluster")
    Path output;

    @Option(names = "--start", description = "with --output: first simulated instant (ISO-8601; default: --days ago)")
    Instant start;

    @Option(names = "--days", defaultValue = "180", description = "with --output: days of history (default ${DEFAULT-VALUE})")
    int days;

    @Override
    public Integer call() throws Exception {
        if (output != null) {
            return writeFile();
        }
        AppConfig config = options.resolve();
        long startAt = Instant.now().minus(Durations.parse(history)).toEpochMilli();
        ActivitySimulator sim = new ActivitySimulator(customers, startAt, Durations.parse(history).toMillis(),
                churnFraction, seed);
        try (KafkaEventSink sink = new KafkaEventSink(config)) {
            long sent = new SimulationRunner(sim, sink, Clock.systemUTC()).run(rate, Durations.parse(duration));
            sink.flush();
            System.out.printf("produced %d events for %d customers (%d churners)%n", sent, sim.size(), sim.churners());
        }
        return 0;
    }

    private int writeFile() throws IOException {
        Instant first = start != null ? start
                : Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(days));
        long from = first.toEpochMilli();
        long until = first.plus(Duration.ofDays(days)).toEpochMilli();
        ActivitySimulator sim = new ActivitySimulator(customers, from, until - from, churnFraction, seed);
        long written;
        try (BufferedWriter out = Files.newBufferedWriter(output)) {
            written = new SimulationRunner(sim, e -> {
                try {
                    out.write(EventSerdes.JSON.writeValueAsString(e.payload()));
                    out.newLine();
                } catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
            }, Clock.systemUTC()).runUntil(until);
        }
        System.out.printf("wrote %d events for %d customers (%d churners) to %s%n", written, sim.size(),
                sim.churners(), output);
        return 0;
    }
}
