package io.customerinsight.integration;

import io.customerinsight.app.InsightApplication;
import io.customerinsight.broker.EmbeddedKafka;
import io.customerinsight.broker.ListenerPrincipalBuilder;
import io.customerinsight.cli.TopicsCommand;
import io.customerinsight.config.AppConfig;
import io.customerinsight.kafka.PipelineAcls;
import io.customerinsight.kafka.TopicSpec;
import io.customerinsight.testing.CommittedRecords;
import io.customerinsight.testing.IntegrationConfig;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.tools.AclCommand;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.customerinsight.testing.Events.HOUR;
import static io.customerinsight.testing.Events.click;
import static io.customerinsight.testing.Events.purchase;
import static io.customerinsight.testing.Waiting.waitFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The pipeline on a broker that authorizes every request by ACLs, as a secured production cluster does,
 * running as a principal granted exactly {@link PipelineAcls#forPipeline} (by the kafka-acls.sh commands
 * {@code topics acls} prints, run through Kafka's own AclCommand): it consumes, keeps its state,
 * publishes under exactly-once and dead-letters, and may do nothing else (it cannot read its own outputs).
 */
@Timeout(180)
class KafkaAclsIT {

    @Test
    void thePipelineRunsOnTheAclsItListsAndNoMore() throws Exception {
        try (EmbeddedKafka broker = EmbeddedKafka.startWithAcls()) {
            String admin = broker.bootstrapServers();
            AppConfig config = IntegrationConfig.of(broker.appBootstrapServers(), "insight-acl-it");
            String principal = ListenerPrincipalBuilder.APP.toString();
            // granted as a security team would: the commands `topics acls --with-topics-apply` prints, run by
            // Kafka's own kafka-acls.sh (AclCommand) as the administrator
            List<String> commands = new java.util.ArrayList<>(PipelineAcls.asCommands(
                    PipelineAcls.forPipeline(config, principal), admin));
            commands.addAll(PipelineAcls.asCommands(PipelineAcls.forTopicsApply(config, principal), admin));
            runKafkaAcls(commands, Files.createTempFile("admin", ".properties"));
            try (Admin client = Admin.create(Map.of("bootstrap.servers", admin))) {
                assertThat(client.describeAcls(AclBindingFilter.ANY).values().get()).containsExactlyInAnyOrderElementsOf(
                        java.util.stream.Stream.concat(PipelineAcls.forPipeline(config, principal).stream(),
                                PipelineAcls.forTopicsApply(config, principal).stream()).distinct().toList());
            }
            // `topics apply` as the same principal, on the ACLs `topics acls --with-topics-apply` prints
            assertThat(TopicsCommand.apply(config, TopicSpec.load(null)).created()).hasSize(8);
            long t0 = System.currentTimeMillis() - 3 * HOUR;
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, admin), new StringSerializer(), new StringSerializer())) {
                for (int c = 0; c < 20; c++) {
                    String id = "acl-" + c;
                    producer.send(new ProducerRecord<>("clickstream", id, click(id + "-v", id, "page_view", t0, "s")));
                    producer.send(new ProducerRecord<>("clickstream", id, purchase(id + "-p", id, t0 + 60_000, "s", 25)));
                }
                producer.send(new ProducerRecord<>("clickstream", "acl-0", "not json"));
                producer.flush();
            }

            try (InsightApplication app = InsightApplication.create(config)) {
                app.start();
                waitFor("a profile of every customer, published as the app's principal", () -> CommittedRecords
                        .readAll(admin, "customer-profiles").stream().map(r -> new String(r.key())).distinct()
                        .count() == 20);
                waitFor("the invalid record dead-lettered", () -> !CommittedRecords.readAll(admin, "insight-dlq")
                        .isEmpty());
                assertThat(app.streams().state()).isEqualTo(KafkaStreams.State.RUNNING);
            }

            // and no more: the app's principal may not read what it writes
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.appBootstrapServers()),
                    new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                consumer.assign(List.of(new TopicPartition("customer-profiles", 0)));
                consumer.seekToBeginning(consumer.assignment());
                assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(10)))
                        .isInstanceOf(TopicAuthorizationException.class);
            }
        }
    }

    /** Runs each printed command through Kafka's AclCommand; a failure, which would exit the JVM, fails the test. */
    private static void runKafkaAcls(List<String> commands, java.nio.file.Path adminProperties) {
        Exit.setExitProcedure((status, message) -> {
            throw new AssertionError("kafka-acls.sh exited with " + status + ": " + message);
        });
        try {
            for (String command : commands) {
                assertThat(command).startsWith("kafka-acls.sh ");
                String[] args = command.substring("kafka-acls.sh ".length())
                        .replace("admin.properties", adminProperties.toString()).split(" ");
                AclCommand.main(args);
            }
        } finally {
            Exit.resetExitProcedure();
        }
    }
}
