package io.customerinsight.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

/**
 * Makes the cluster hold the declared topics: creates the missing ones, and reports (never fixes) drift in
 * partition count and configs of existing ones. Nothing is ever deleted. Idempotent.
 */
public final class TopicApplier {
    public record Report(List<String> created, List<String> unchanged, List<String> drift, List<String> warnings) {
        public boolean hasDrift() {
            return !drift.isEmpty();
        }
    }

    private static final String MIN_INSYNC_REPLICAS = "min.insync.replicas";

    private final Admin admin;

    public TopicApplier(Admin admin) {
        this.admin = admin;
    }

    public Report apply(Collection<TopicSpec> specs) throws ExecutionException, InterruptedException {
        List<String> created = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        List<String> drift = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        int brokers = admin.describeCluster().nodes().get().size();
        Set<String> existing = admin.listTopics().names().get();

        List<TopicSpec> fitted = specs.stream().map(spec -> fitted(spec, brokers, warnings)).toList();
        List<NewTopic> toCreate = new ArrayList<>();
        for (TopicSpec spec : fitted) {
            if (!existing.contains(spec.name())) {
                toCreate.add(new NewTopic(spec.name(), spec.partitions(), spec.replicationFactor())
                        .configs(spec.configs()));
            }
        }
        for (NewTopic topic : toCreate) {
            try {
                admin.createTopics(List.of(topic)).all().get();
                created.add(topic.name());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }

        List<TopicSpec> toCheck = fitted.stream().filter(s -> existing.contains(s.name())).toList();
        if (!toCheck.isEmpty()) {
            Map<String, TopicDescription> descriptions = admin.describeTopics(
                    toCheck.stream().map(TopicSpec::name).toList()).allTopicNames().get();
            Map<ConfigResource, Config> configs = admin.describeConfigs(toCheck.stream()
                    .map(s -> new ConfigResource(ConfigResource.Type.TOPIC, s.name())).toList()).all().get();
            for (TopicSpec spec : toCheck) {
                List<String> diffs = new ArrayList<>();
                int partitions = descriptions.get(spec.name()).partitions().size();
                if (partitions != spec.partitions()) {
                    diffs.add("partitions " + partitions + " (declared " + spec.partitions() + ")");
                }
                Config actual = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, spec.name()));
                spec.configs().forEach((key, value) -> {
                    ConfigEntry entry = actual.get(key);
                    String current = entry == null ? null : entry.value();
                    if (!value.equals(current)) {
                        diffs.add(key + "=" + current + " (declared " + value + ")");
                    }
                });
                if (diffs.isEmpty()) {
                    unchanged.add(spec.name());
                } else {
                    drift.add(spec.name() + ": " + String.join(", ", diffs));
                }
            }
        }
        checkCopartitioning(specs, warnings);
        return new Report(created, unchanged, drift, warnings);
    }

    /**
     * The spec as this cluster can hold it: the replication factor capped at the broker count, and
     * {@code min.insync.replicas} at the replication factor (a one-broker cluster, such as the demo's, still
     * accepts writes), each with a warning.
     */
    static TopicSpec fitted(TopicSpec spec, int brokers, List<String> warnings) {
        short rf = spec.replicationFactor();
        if (rf > brokers) {
            warnings.add(spec.name() + ": replication factor " + rf + " capped at " + brokers
                    + " (brokers in the cluster)");
            rf = (short) brokers;
        }
        Map<String, String> configs = new java.util.TreeMap<>(spec.configs());
        String minIsr = configs.get(MIN_INSYNC_REPLICAS);
        if (minIsr != null && Integer.parseInt(minIsr) > rf) {
            warnings.add(spec.name() + ": " + MIN_INSYNC_REPLICAS + " " + minIsr + " capped at " + rf
                    + " (its replication factor)");
            configs.put(MIN_INSYNC_REPLICAS, Integer.toString(rf));
        }
        return new TopicSpec(spec.role(), spec.name(), spec.partitions(), rf, configs);
    }

    private static void checkCopartitioning(Collection<TopicSpec> specs, List<String> warnings) {
        Set<Integer> inputPartitions = specs.stream()
                .filter(s -> s.role().equals("clickstream") || s.role().equals("feedback"))
                .map(TopicSpec::partitions).collect(Collectors.toSet());
        if (inputPartitions.size() > 1) {
            warnings.add("clickstream and feedback must have the same number of partitions, declared "
                    + inputPartitions);
        }
    }
}
