package io.customerinsight.integration;

import io.customerinsight.app.InsightApplication;
import io.customerinsight.broker.EmbeddedKafka;
import io.customerinsight.cli.TopicsCommand;
import io.customerinsight.config.AppConfig;
import io.customerinsight.config.InsightConfig;
import io.customerinsight.config.TopicRole;
import io.customerinsight.kafka.TopicSpec;
import io.customerinsight.testing.Backlog;
import io.customerinsight.testing.CommittedRecords;
import io.customerinsight.testing.IntegrationConfig;
import io.customerinsight.testing.KafkaBackend;
import io.customerinsight.testing.SettledOutputs;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.customerinsight.testing.Waiting.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A backlog produced before the app starts, as after an outage or a first deployment on existing topics:
 * 30 days of clickstream for 500 customers on 6 partitions, and their feedback delivered afterwards in one
 * batch (so the feedback input is up to 30 days behind the clickstream). Even with
 * {@code max.task.idle.ms=-1} (the clickstream runs ahead), nothing may be dead-lettered as late and every
 * feedback message must reach its customer. With the app's own settings (the inputs merged in time order,
 * {@code max.task.idle.ms=0}), the backlog gives the same alerts and final profiles as the same input live.
 */
@Timeout(300)
class BacklogIT {
    private static final int CUSTOMERS = 500;
    private static final int DAYS = 30;

    @Test
    void aBacklogOnBothInputsIsProcessedNotDeadLettered() throws Exception {
        try (KafkaBackend kafka = KafkaBackend.start()) {
            AppConfig config = IntegrationConfig.of(kafka.bootstrapServers(), "insight-backlog-it",
                    "max.task.idle.ms", "-1");
            TopicsCommand.apply(config, TopicSpec.load(null));
            EmbeddedKafka.keepHistoryOn(kafka.bootstrapServers(), "clickstream", "feedback");
            Backlog backlog = Backlog.produce(kafka.bootstrapServers(), CUSTOMERS, DAYS);

            try (InsightApplication app = InsightApplication.create(config)) {
                app.start();
                waitFor("every backlog event consumed",
                        () -> app.metrics().total("insight.events.consumed") >= backlog.events());
                waitFor("a profile for every customer",
                        () -> distinctKeys(kafka.bootstrapServers(), "customer-profiles").size() == CUSTOMERS);
                waitFor("every feedback scored and applied",
                        () -> readCommitted(kafka.bootstrapServers(), "feedback-scored").size() == backlog.feedback());
                assertThat(readCommitted(kafka.bootstrapServers(), "insight-dlq")).as("dead letters").isEmpty();
                assertThat(app.metrics().total("insight.dlq.writes")).isZero();
            }
        }
    }

    @Test
    void aBacklogGivesTheSameAlertsAndFinalProfilesAsTheSameInputLive() throws Exception {
        try (KafkaBackend kafka = KafkaBackend.start()) {
            String servers = kafka.bootstrapServers();
            AppConfig asBacklog = orderedConfig(servers, "backlog");
            AppConfig live = orderedConfig(servers, "live");
            Backlog input = Backlog.generate(CUSTOMERS, DAYS);
            for (AppConfig config : List.of(asBacklog, live)) {
                TopicsCommand.apply(config, TopicSpec.load(null));
                EmbeddedKafka.keepHistoryOn(servers, config.topic(TopicRole.CLICKSTREAM),
                        config.topic(TopicRole.FEEDBACK));
            }
            input.produceBacklog(servers, asBacklog.topic(TopicRole.CLICKSTREAM), asBacklog.topic(TopicRole.FEEDBACK));
            SettledOutputs backlogOutputs = run(asBacklog, input, null);
            SettledOutputs liveOutputs = run(live, input, app -> input.produceLive(servers, live.topic(TopicRole.CLICKSTREAM),
                    live.topic(TopicRole.FEEDBACK), () -> (long) app.metrics().total("insight.events.consumed")));

            assertThat(backlogOutputs.alerts()).as("alerts of the backlog").hasSizeGreaterThan(50);
            assertThat(backlogOutputs.alerts()).containsExactlyInAnyOrderElementsOf(liveOutputs.alerts());
            assertThat(backlogOutputs.profiles()).hasSize(CUSTOMERS).isEqualTo(liveOutputs.profiles());
        }
    }

    private interface Feed {
        void into(InsightApplication app) throws Exception;
    }

    private static AppConfig orderedConfig(String servers, String name) throws Exception {
        Map<String, String> settings = new HashMap<>(Map.of(
                "bootstrap.servers", servers,
                "application.id", "insight-ordered-" + name,
                "state.dir", Files.createTempDirectory("insight-ordered-it").toString(),
                InsightConfig.SENTIMENT_ENGINE, "fast",
                InsightConfig.HTTP_ENABLED, "false"));
        for (TopicRole role : TopicRole.values()) {
            settings.put(role.settingsKey(), role.defaultName() + "-" + name);
        }
        return AppConfig.of(settings);
    }

    private static SettledOutputs run(AppConfig config, Backlog input, Feed feed) throws Exception {
        String servers = config.get("bootstrap.servers");
        String profilesTopic = config.topic(TopicRole.CUSTOMER_PROFILES);
        try (InsightApplication app = InsightApplication.create(config)) {
            app.start();
            if (feed != null) {
                app.awaitRunning(Duration.ofSeconds(60));
                feed.into(app);
            }
            waitFor("every event consumed", () -> app.metrics().total("insight.events.consumed") >= input.events());
            return SettledOutputs.read(servers, config.topic(TopicRole.CHURN_ALERTS), profilesTopic, CUSTOMERS);
        }
    }

    private static Set<String> distinctKeys(String servers, String topic) {
        Set<String> keys = new HashSet<>();
        readCommitted(servers, topic).forEach(r -> keys.add(new String(r.key(), StandardCharsets.UTF_8)));
        return keys;
    }

    private static List<ConsumerRecord<byte[], byte[]>> readCommitted(String servers, String topic) {
        return CommittedRecords.readAll(servers, topic);
    }
}
