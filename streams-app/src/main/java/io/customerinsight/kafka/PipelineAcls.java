package io.customerinsight.kafka;

import io.customerinsight.config.AppConfig;
import io.customerinsight.config.TopicRole;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.streams.StreamsConfig;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The Kafka ACLs the pipeline's principal needs on a cluster that authorizes by ACLs, derived from the topic
 * roles and {@code application.id} of a configuration, so that they follow a renamed topic: read the inputs,
 * write the outputs (the dead-letter topic included), everything Kafka Streams does with its internal topics
 * (changelogs, the repartition topic, which it also purges), its consumer group and its transactional ids
 * (exactly-once). Creating the topics ({@code topics apply}) is another principal's job, or these plus
 * {@link #forTopicsApply}.
 */
public final class PipelineAcls {
    private static final Set<TopicRole> INPUTS = EnumSet.of(TopicRole.CLICKSTREAM, TopicRole.FEEDBACK);

    private PipelineAcls() {
    }

    /** @param principal as Kafka writes it, {@code User:insight} */
    public static List<AclBinding> forPipeline(AppConfig config, String principal) {
        String applicationId = applicationId(config);
        List<AclBinding> acls = new ArrayList<>();
        for (TopicRole role : TopicRole.values()) {
            AclOperation access = INPUTS.contains(role) ? AclOperation.READ : AclOperation.WRITE;
            for (AclOperation op : List.of(access, AclOperation.DESCRIBE)) {
                acls.add(allow(principal, ResourceType.TOPIC, config.topic(role), PatternType.LITERAL, op));
            }
        }
        for (AclOperation op : List.of(AclOperation.CREATE, AclOperation.READ, AclOperation.WRITE,
                AclOperation.DESCRIBE, AclOperation.DESCRIBE_CONFIGS, AclOperation.DELETE)) {
            acls.add(allow(principal, ResourceType.TOPIC, applicationId + "-", PatternType.PREFIXED, op));
        }
        acls.add(allow(principal, ResourceType.GROUP, applicationId, PatternType.LITERAL, AclOperation.READ));
        for (AclOperation op : List.of(AclOperation.WRITE, AclOperation.DESCRIBE)) {
            acls.add(allow(principal, ResourceType.TRANSACTIONAL_ID, applicationId, PatternType.PREFIXED, op));
        }
        return acls;
    }

    /** What {@code topics apply} needs besides: create the topics and read their configs to report drift. */
    public static List<AclBinding> forTopicsApply(AppConfig config, String principal) {
        List<AclBinding> acls = new ArrayList<>();
        for (TopicRole role : TopicRole.values()) {
            for (AclOperation op : List.of(AclOperation.CREATE, AclOperation.DESCRIBE,
                    AclOperation.DESCRIBE_CONFIGS)) {
                acls.add(allow(principal, ResourceType.TOPIC, config.topic(role), PatternType.LITERAL, op));
            }
        }
        return acls;
    }

    /**
     * The same ACLs as {@code kafka-acls.sh} commands against {@code servers}, for a security team to read and
     * run as an administrator ({@code admin.properties}: its credentials).
     */
    public static List<String> asCommands(List<AclBinding> acls, String servers) {
        return acls.stream().map(acl -> {
            ResourcePattern r = acl.pattern();
            String resource = switch (r.resourceType()) {
                case TOPIC -> "--topic " + r.name();
                case GROUP -> "--group " + r.name();
                case TRANSACTIONAL_ID -> "--transactional-id " + r.name();
                default -> "--cluster";
            };
            return "kafka-acls.sh --bootstrap-server " + servers + " --command-config admin.properties --add"
                    + " --allow-principal " + acl.entry().principal()
                    + " --operation " + toCli(acl.entry().operation()) + " " + resource
                    + (r.patternType() == PatternType.PREFIXED ? " --resource-pattern-type prefixed" : "");
        }).toList();
    }

    private static String toCli(AclOperation op) {
        StringBuilder out = new StringBuilder();
        for (String word : op.name().split("_")) {
            out.append(word.charAt(0)).append(word.substring(1).toLowerCase(java.util.Locale.ROOT));
        }
        return out.toString();
    }

    private static String applicationId(AppConfig config) {
        String id = config.get(StreamsConfig.APPLICATION_ID_CONFIG);
        return id == null || id.isBlank() ? AppConfig.DEFAULT_APPLICATION_ID : id;
    }

    private static AclBinding allow(String principal, ResourceType type, String name, PatternType pattern,
                                    AclOperation op) {
        return new AclBinding(new ResourcePattern(type, name, pattern),
                new AccessControlEntry(principal, "*", op, AclPermissionType.ALLOW));
    }
}
