package io.customerinsight.cli;

import io.customerinsight.config.AppConfig;
import io.customerinsight.config.TopicRole;
import io.customerinsight.kafka.TopicApplier;
import io.customerinsight.kafka.TopicSpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "topics", mixinStandardHelpOptions = true, description = "Manage the pipeline's topics.",
        subcommands = TopicsCommand.Apply.class)
public final class TopicsCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(name = "apply", mixinStandardHelpOptions = true,
            description = "Create the topics of topics/topics.yaml that are missing; report drift; never delete.")
    public static final class Apply implements Callable<Integer> {
        @Mixin
        ConfigOptions options;

        @Option(names = "--file", description = "topic descriptions (default: the copy bundled in the jar)")
        Path file;

        @Option(names = "--fail-on-drift", description = "exit with code 3 when an existing topic differs")
        boolean failOnDrift;

        @Override
        public Integer call() throws Exception {
            AppConfig config = options.resolve();
            TopicApplier.Report report = apply(config, TopicSpec.load(file));
            report.created().forEach(t -> System.out.println("created   " + t));
            report.unchanged().forEach(t -> System.out.println("ok        " + t));
            report.drift().forEach(t -> System.out.println("DRIFT     " + t));
            report.warnings().forEach(t -> System.out.println("warning   " + t));
            return report.hasDrift() && failOnDrift ? 3 : 0;
        }
    }

    /** Applies the specs with the topic names of the configuration. */
    public static TopicApplier.Report apply(AppConfig config, List<TopicSpec> specs) throws Exception {
        List<TopicSpec> renamed = specs.stream()
                .map(s -> s.withName(config.topic(TopicRole.ofRole(s.role())))).toList();
        Map<String, Object> props = new HashMap<>(config.kafkaSettings());
        props.keySet().removeIf(k -> !AdminClientConfig.configNames().contains(k));
        try (Admin admin = Admin.create(props)) {
            return new TopicApplier(admin).apply(renamed);
        }
    }
}
