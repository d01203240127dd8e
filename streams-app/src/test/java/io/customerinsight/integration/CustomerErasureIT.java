package io.customerinsight.integration;

import io.customerinsight.app.InsightApplication;
import io.customerinsight.cli.TopicsCommand;
import io.customerinsight.config.AppConfig;
import io.customerinsight.config.InsightConfig;
import io.customerinsight.kafka.TopicSpec;
import io.customerinsight.testing.CommittedRecords;
import io.customerinsight.testing.IntegrationConfig;
import io.customerinsight.testing.KafkaBackend;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static io.customerinsight.testing.Events.HOUR;
import static io.customerinsight.testing.Events.MINUTE;
import static io.customerinsight.testing.Events.click;
import static io.customerinsight.testing.Events.purchase;
import static io.customerinsight.testing.Waiting.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An erasure on a real broker, in the one case a topology test cannot reach: a profile held for the commit by
 * a state the write-back cache evicted before the erasure, all within one commit interval. The commit once
 * published that profile after the erasure's tombstone, so the compacted topic kept the erased customer.
 */
@Timeout(180)
class CustomerErasureIT {

    @Test
    void noProfileOfAnErasedCustomerFollowsItsTombstoneEvenFromAStateTheCacheEvicted() throws Exception {
        try (KafkaBackend kafka = KafkaBackend.start()) {
            String servers = kafka.bootstrapServers();
            // the whole input within one commit, through a cache of two customers
            AppConfig config = IntegrationConfig.of(servers, "insight-erasure-it",
                    "commit.interval.ms", "15000",
                    "producer.transaction.timeout.ms", "60000",
                    InsightConfig.STATE_CACHE_CUSTOMERS, "2");
            TopicsCommand.apply(config, TopicSpec.load(null));
            long t0 = System.currentTimeMillis() - 2 * 24 * HOUR;
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers), new StringSerializer(), new StringSerializer())) {
                // one partition, so that its order is the order below
                send(producer, "gone", click("g1", "gone", "page_view", t0, "s1"));
                send(producer, "gone", purchase("g2", "gone", t0 + MINUTE, "s1", 40));
                // 7 h later: the snapshot of "gone" is scored (6 h of stream time past it) and its profile held
                send(producer, "a", click("a1", "a", "page_view", t0 + 7 * HOUR, "s2"));
                // two more customers: the state holding that profile leaves the cache of two
                send(producer, "b", click("b1", "b", "page_view", t0 + 7 * HOUR + MINUTE, "s3"));
                send(producer, "c", click("c1", "c", "page_view", t0 + 7 * HOUR + 2 * MINUTE, "s4"));
                send(producer, "gone", null);
                send(producer, "d", click("d1", "d", "page_view", t0 + 7 * HOUR + 3 * MINUTE, "s5"));
            }

            try (InsightApplication app = InsightApplication.create(config)) {
                app.start();
                waitFor("the erasure", () -> app.metrics().total("insight.customers.erased") == 1.0);
                waitFor("the commit after it: the profile tombstone readable", () -> profilesOf(servers, "gone")
                        .stream().anyMatch(r -> r.value() == null));
                List<ConsumerRecord<byte[], byte[]>> gone = profilesOf(servers, "gone");
                assertThat(gone.get(gone.size() - 1).value()).as("the last profile record of the erased customer")
                        .isNull();
                assertThat(gone).as("no profile of theirs at all: it was made and erased within one commit")
                        .hasSize(1);
                assertThat(profilesOf(servers, "d")).isNotEmpty();
            }
        }
    }

    private static void send(KafkaProducer<String, String> producer, String key, String value) throws Exception {
        producer.send(new ProducerRecord<>("clickstream", 0, key, value)).get();
    }

    private static List<ConsumerRecord<byte[], byte[]>> profilesOf(String servers, String customerId) {
        byte[] key = customerId.getBytes(StandardCharsets.UTF_8);
        return CommittedRecords.readAll(servers, "customer-profiles").stream()
                .filter(r -> java.util.Arrays.equals(r.key(), key)).toList();
    }
}
