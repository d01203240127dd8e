package io.customerinsight.integration;

import io.customerinsight.app.InsightApplication;
import io.customerinsight.config.InsightConfig;
import io.customerinsight.config.TopicRole;
import io.customerinsight.testing.SettledOutputs;
import io.customerinsight.broker.EmbeddedKafka;
import io.customerinsight.cli.TopicsCommand;
import io.customerinsight.config.AppConfig;
import io.customerinsight.kafka.TopicSpec;
import io.customerinsight.testing.Backlog;
import io.customerinsight.testing.CommittedRecords;
import io.customerinsight.testing.KafkaBackend;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static io.customerinsight.testing.Waiting.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged runtime as a process of its own, killed without warning ({@code destroyForcibly}, as
 * {@code kill -9}) twice while it works through a backlog, and restarted each time on the same state
 * directory: exactly-once leaves no duplicate alert, no event is lost or dead-lettered, every customer ends
 * with a profile, and the alerts and final profiles are those of a clean run of the same input.
 */
@Timeout(420)
class CrashRecoveryIT {
    private static final String APP = "insight-crash-it";
    private static final int CUSTOMERS = 3000;
    private static final int DAYS = 30;

    @Test
    void killedTwiceMidBacklogItLosesNothingAndDuplicatesNoAlert() throws Exception {
        Path jar = Path.of("target", "streams-app.jar").toAbsolutePath();
        assertThat(jar).as("the packaged runtime (integration tests run after package)").exists();
        try (KafkaBackend kafka = KafkaBackend.start();
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            String servers = kafka.bootstrapServers();
            TopicsCommand.apply(AppConfig.of(Map.of("bootstrap.servers", servers)), TopicSpec.load(null));
            EmbeddedKafka.keepHistoryOn(servers, "clickstream", "feedback");
            Backlog backlog = Backlog.produce(servers, CUSTOMERS, DAYS);
            Path state = Files.createTempDirectory("insight-crash-it");

            for (int kill = 0; kill < 2; kill++) {
                Process app = start(jar, servers, state);
                double before = committedShare(admin, backlog);
                // killed as soon as it has committed some more: mid-backlog, whatever the machine's speed
                waitFor("the app committing past " + before,
                        () -> committedShare(admin, backlog) > before + 0.02 || !app.isAlive());
                assertThat(app.isAlive()).as("still running when killed").isTrue();
                assertThat(committedShare(admin, backlog)).as("killed mid-backlog").isLessThan(1.0);
                app.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
            Process last = start(jar, servers, state);
            try {
                waitFor("the whole backlog committed", () -> committedShare(admin, backlog) >= 1.0);
                waitFor("a profile for every customer", () -> keys(servers, "customer-profiles").size() == CUSTOMERS);
                List<String> alertIds = CommittedRecords.readAll(servers, "churn-alerts").stream()
                        .map(r -> new String(r.value(), StandardCharsets.UTF_8))
                        .map(v -> v.substring(v.indexOf("\"alertId\":\"") + 11, v.indexOf("\",", v.indexOf("\"alertId\""))))
                        .toList();
                assertThat(alertIds).as("alerts").isNotEmpty().doesNotHaveDuplicates();
                assertThat(CommittedRecords.readAll(servers, "insight-dlq")).as("dead letters").isEmpty();
                // a killed instance's open transaction holds readers back until the broker aborts it
                waitFor("every feedback message published once (" + backlog.feedback() + ")",
                        () -> feedbackIds(servers).size() >= backlog.feedback());
                assertThat(feedbackIds(servers)).doesNotHaveDuplicates().hasSize(backlog.feedback());
                SettledOutputs crashed = SettledOutputs.read(servers, "churn-alerts", "customer-profiles", CUSTOMERS);
                SettledOutputs clean = cleanRun(servers, backlog);
                assertThat(crashed.alerts()).as("alerts through crashes against a clean run")
                        .containsExactlyInAnyOrderElementsOf(clean.alerts());
                assertThat(crashed.profiles()).as("final profiles").isEqualTo(clean.profiles());
            } finally {
                last.destroy();
                if (!last.waitFor(40, TimeUnit.SECONDS)) {
                    last.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                }
            }
        }
    }

    /** The same input as a backlog on topics of its own, to an app in this JVM that is never killed. */
    private static SettledOutputs cleanRun(String servers, Backlog backlog) throws Exception {
        Map<String, String> settings = new HashMap<>(Map.of("bootstrap.servers", servers,
                "application.id", APP + "-clean", "state.dir", Files.createTempDirectory("insight-clean").toString(),
                "commit.interval.ms", "200",
                InsightConfig.SENTIMENT_ENGINE, "fast", InsightConfig.HTTP_ENABLED, "false"));
        for (TopicRole role : TopicRole.values()) {
            settings.put(role.settingsKey(), role.defaultName() + "-clean");
        }
        AppConfig config = AppConfig.of(settings);
        TopicsCommand.apply(config, TopicSpec.load(null));
        EmbeddedKafka.keepHistoryOn(servers, config.topic(TopicRole.CLICKSTREAM), config.topic(TopicRole.FEEDBACK));
        backlog.produceBacklog(servers, config.topic(TopicRole.CLICKSTREAM), config.topic(TopicRole.FEEDBACK));
        try (InsightApplication app = InsightApplication.create(config)) {
            app.start();
            waitFor("the clean run consuming everything",
                    () -> app.metrics().total("insight.events.consumed") >= backlog.events());
            return SettledOutputs.read(servers, config.topic(TopicRole.CHURN_ALERTS),
                    config.topic(TopicRole.CUSTOMER_PROFILES), CUSTOMERS);
        }
    }

    private static Process start(Path jar, String servers, Path state) throws Exception {
        File log = Files.createTempFile("insight-crash-it", ".log").toFile();
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "-jar", jar.toString(), "run", "--bootstrap-servers", servers, "--application-id", APP,
                "--state-dir", state.toString(), "--set", "insight.sentiment.engine=fast",
                "--set", "insight.http.enabled=false", "--set", "commit.interval.ms=200")
                .redirectErrorStream(true).redirectOutput(log).start();
    }

    /** The share of the input the app has committed, from its consumer group's offsets. */
    private static double committedShare(Admin admin, Backlog backlog) {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(APP)
                    .partitionsToOffsetAndMetadata().get();
            long done = committed.entrySet().stream()
                    .filter(e -> e.getKey().topic().equals("clickstream") || e.getKey().topic().equals("feedback"))
                    .filter(e -> e.getValue() != null)
                    .mapToLong(e -> e.getValue().offset()).sum();
            return done / (double) backlog.events();
        } catch (Exception e) {
            return 0;
        }
    }

    private static List<String> feedbackIds(String servers) {
        List<String> ids = CommittedRecords.readAll(servers, "feedback-scored").stream()
                .map(r -> new String(r.value(), StandardCharsets.UTF_8))
                .map(v -> v.substring(v.indexOf("\"feedbackId\":\"") + 14, v.indexOf("\",", v.indexOf("\"feedbackId\""))))
                .toList();
        System.out.println("feedback-scored: " + ids.size() + " committed, " + new HashSet<>(ids).size() + " distinct");
        return ids;
    }

    private static Set<String> keys(String servers, String topic) {
        return CommittedRecords.readAll(servers, topic).stream()
                .map(r -> new String(r.key(), StandardCharsets.UTF_8)).collect(Collectors.toCollection(HashSet::new));
    }
}
