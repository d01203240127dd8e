package io.customerinsight.cli;

import io.customerinsight.config.AppConfig;
import io.customerinsight.config.TopicRole;
import io.customerinsight.config.Durations;
import io.customerinsight.kafka.BrokerUnreachableException;
import io.customerinsight.kafka.PipelineAcls;
import io.customerinsight.kafka.TopicApplier;
import io.customerinsight.kafka.TopicSpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.errors.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;

@Command(name = "topics", mixinStandardHelpOptions = true, description = "Manage the pipeline's topics.",
        subcommands = {TopicsCommand.Apply.class, TopicsCommand.Acls.class})
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

        @Option(names = "--timeout", defaultValue = "30s",
                description = "give up when no broker has answered within this (default ${DEFAULT-VALUE})")
        String timeout;

        @Override
        public Integer call() throws Exception {
            AppConfig config = options.resolve();
            TopicApplier.Report report = apply(config, TopicSpec.load(file), Durations.parse(timeout));
            report.created().forEach(t -> System.out.println("created   " + t));
            report.unchanged().forEach(t -> System.out.println("ok        " + t));
            report.drift().forEach(t -> System.out.println("DRIFT     " + t));
            report.warnings().forEach(t -> System.out.println("warning   " + t));
            return report.hasDrift() && failOnDrift ? 3 : 0;
        }
    }

    @Command(name = "acls", mixinStandardHelpOptions = true,
            description = "Print the kafka-acls.sh commands that grant a principal what the pipeline needs "
                    + "on a cluster that authorizes by ACLs (for the topic names and application.id configured).")
    public static final class Acls implements Callable<Integer> {
        @Mixin
        ConfigOptions options;

        @Option(names = "--principal", required = true,
                description = "the pipeline's principal, as Kafka names it (User:insight)")
        String principal;

        @Option(names = "--with-topics-apply",
                description = "also what `topics apply` needs: create the topics and read their configs")
        boolean topicsApply;

        @Override
        public Integer call() {
            AppConfig config = options.resolve();
            List<AclBinding> acls = new ArrayList<>(PipelineAcls.forPipeline(config, principal));
            if (topicsApply) {
                acls.addAll(PipelineAcls.forTopicsApply(config, principal));
            }
            PipelineAcls.asCommands(acls, config.get("bootstrap.servers")).forEach(System.out::println);
            return 0;
        }
    }

    /** Applies the specs with the topic names of the configuration, waiting at most 30 s for a broker. */
    public static TopicApplier.Report apply(AppConfig config, List<TopicSpec> specs) throws Exception {
        return apply(config, specs, Duration.ofSeconds(30));
    }

    /**
     * Applies the specs with the topic names of the configuration.
     *
     * @throws BrokerUnreachableException naming the servers when no broker answered within {@code timeout}
     */
    public static TopicApplier.Report apply(AppConfig config, List<TopicSpec> specs, Duration timeout)
            throws Exception {
        List<TopicSpec> renamed = specs.stream()
                .map(s -> s.withName(config.topic(TopicRole.ofRole(s.role())))).toList();
        Map<String, Object> props = new HashMap<>(config.kafkaSettings());
        props.keySet().removeIf(k -> !AdminClientConfig.configNames().contains(k));
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
        try (Admin admin = Admin.create(props)) {
            return new TopicApplier(admin).apply(renamed);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TimeoutException) {
                throw new BrokerUnreachableException("no Kafka broker answered at " + props.get(
                        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG) + " within " + timeout.toSeconds() + " s (check "
                        + "--bootstrap-servers, the network and the security settings)", e.getCause());
            }
            throw e;
        }
    }
}
