package io.customerinsight.integration;

import com.fasterxml.jackson.databind.JsonNode;
import io.customerinsight.app.InsightApplication;
import io.customerinsight.cli.TopicsCommand;
import io.customerinsight.config.AppConfig;
import io.customerinsight.events.EventSerdes;
import io.customerinsight.broker.EmbeddedKafka;
import io.customerinsight.kafka.TopicSpec;
import io.customerinsight.testing.KafkaBackend;
import io.customerinsight.customer.LocalProfileReader;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static io.customerinsight.testing.Events.HOUR;
import static io.customerinsight.testing.Events.T0;
import static io.customerinsight.testing.Events.click;
import static io.customerinsight.testing.Waiting.freePort;
import static io.customerinsight.testing.Waiting.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of the application on a real broker, each with its HTTP port and {@code application.server}:
 * every customer's live profile can be asked of either instance, the owner answers or the other forwards,
 * and when one instance stops, its customers are answered from the other's standby copy until they move.
 */
@Timeout(300)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InteractiveQueriesIT {
    private static final List<String> CUSTOMERS = IntStream.range(0, 30).mapToObj(i -> "iq-" + i).toList();
    private static final HttpClient http = HttpClient.newHttpClient();
    /** profiles are personal data: both instances ask for this token, and forward it to each other */
    private static final String TOKEN = "iq-token-0b9f";
    private static KafkaBackend kafka;
    private static InsightApplication first;
    private static InsightApplication second;

    @BeforeAll
    static void start() throws Exception {
        kafka = KafkaBackend.start();
        AppConfig base = AppConfig.of(Map.of(
                "bootstrap.servers", kafka.bootstrapServers(),
                "application.id", "insight-iq-it",
                "insight.sentiment.engine", "fast",
                "insight.http.customers.token", TOKEN,
                "num.standby.replicas", "1",
                // a stopped instance that stays in the group keeps its tasks this long
                "session.timeout.ms", "10000"));
        TopicsCommand.apply(base, TopicSpec.load(null));
        EmbeddedKafka.keepHistoryOn(kafka.bootstrapServers(), "clickstream", "feedback");
        first = instance(base);
        second = instance(base);
        first.start();
        second.start();
        waitFor("both instances ready", () -> get(first, "/health/ready").statusCode() == 200
                && get(second, "/health/ready").statusCode() == 200);

        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            for (String c : CUSTOMERS) {
                for (int i = 0; i < 3; i++) {
                    producer.send(new ProducerRecord<>("clickstream", c,
                            click(c + "-e" + i, c, i == 2 ? "purchase" : "page_view", T0 + i * HOUR, c + "-s")));
                }
            }
        }
        waitFor("every profile queryable", () -> CUSTOMERS.stream()
                .allMatch(c -> get(first, "/customers/" + c).statusCode() == 200));
    }

    private static InsightApplication instance(AppConfig base) throws IOException {
        int port = freePort();
        return InsightApplication.create(base
                .with("state.dir", Files.createTempDirectory("insight-iq").toString())
                .with("application.server", "localhost:" + port)
                .with("insight.http.port", Integer.toString(port)));
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {first, second, kafka}) {
            if (c != null) {
                c.close();
            }
        }
    }

    @Test
    void eitherInstanceAnswersForEveryCustomerForwardingToTheOwner() throws Exception {
        Map<String, Integer> forwardedBy = new HashMap<>();
        for (String customer : CUSTOMERS) {
            HostInfo owner = owner(customer);
            for (InsightApplication asked : List.of(first, second)) {
                HttpResponse<String> response = get(asked, "/customers/" + customer);
                assertThat(response.statusCode()).isEqualTo(200);
                JsonNode profile = EventSerdes.JSON.readTree(response.body());
                assertThat(profile.path("customerId").asText()).isEqualTo(customer);
                assertThat(profile.path("summary").path("purchases_30d").asDouble()).isEqualTo(1.0);
                assertThat(profile.path("modelVersion").asText()).isNotBlank();
                boolean askedOwner = asked.httpPort() == owner.port();
                assertThat(response.headers().firstValue("X-Insight-Served-By"))
                        .as("forwarded exactly when the asked instance is not the owner")
                        .isEqualTo(askedOwner ? java.util.Optional.empty()
                                : java.util.Optional.of("localhost:" + owner.port()));
                if (!askedOwner) {
                    forwardedBy.merge("port-" + asked.httpPort(), 1, Integer::sum);
                }
            }
        }
        assertThat(forwardedBy).as("both instances own some customers").hasSize(2);
    }

    @Test
    void unknownCustomersAndBadRequestsGetJsonErrors() throws Exception {
        HttpResponse<String> unknown = get(first, "/customers/nobody-like-this");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(EventSerdes.JSON.readTree(unknown.body()).path("customerId").asText()).isEqualTo("nobody-like-this");
        assertThat(unknown.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("json"));

        assertThat(get(first, "/customers/" + "x".repeat(200)).statusCode()).isEqualTo(400);
        assertThat(get(first, "/customers/a%00b").statusCode()).isEqualTo(400);
        assertThat(get(first, "/customers/").statusCode()).isEqualTo(400);
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(uri(first, "/customers/iq-1"))
                .header("Authorization", "Bearer " + TOKEN).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(EventSerdes.JSON.readTree(post.body()).path("error").asText()).contains("GET");
    }

    @Test
    void aForwardedRequestIsNeverForwardedAgain() throws Exception {
        String customer = CUSTOMERS.stream().filter(c -> owner(c).port() != first.httpPort()).findFirst().orElseThrow();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(first, "/customers/" + customer))
                .header("Authorization", "Bearer " + TOKEN)
                .header("X-Insight-Forwarded-By", "localhost:1").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void whenAnInstanceStopsItsCustomersAreAnsweredFromAStandbyCopyThenTakenOver() throws Exception {
        List<String> ownedBySecond = CUSTOMERS.stream().filter(c -> owner(c).port() == second.httpPort()).toList();
        LocalProfileReader firstLocal = first.profileReader();
        waitFor("the first instance's standby copies", () -> ownedBySecond.stream()
                .allMatch(c -> firstLocal.read(c, true).isPresent()));

        second.close(); // stays in the group (the default): its tasks do not move until the session times out
        for (String customer : ownedBySecond) {
            HttpResponse<String> r = get(first, "/customers/" + customer);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(EventSerdes.JSON.readTree(r.body()).path("customerId").asText()).isEqualTo(customer);
            assertThat(r.headers().firstValue("X-Insight-Stale")).as("answered from the standby copy")
                    .hasValue("standby");
        }
        waitFor("the remaining instance owning every customer", () -> CUSTOMERS.stream()
                .allMatch(c -> {
                    HttpResponse<String> r = get(first, "/customers/" + c);
                    return r.statusCode() == 200 && r.headers().firstValue("X-Insight-Served-By").isEmpty()
                            && r.headers().firstValue("X-Insight-Stale").isEmpty();
                }));
        second = null;
    }

    @Test
    void profilesAreServedOnlyWithTheTokenWhileMetricsAndHealthNeedNone() throws Exception {
        for (InsightApplication asked : List.of(first, second)) {
            for (String authorization : new String[] {null, "Bearer wrong-token", TOKEN, "Basic " + TOKEN}) {
                HttpRequest.Builder request = HttpRequest.newBuilder(uri(asked, "/customers/" + CUSTOMERS.get(0)));
                if (authorization != null) {
                    request.header("Authorization", authorization);
                }
                HttpResponse<String> refused = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                assertThat(refused.statusCode()).as("Authorization: %s", authorization).isEqualTo(401);
                assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v ->
                        assertThat(v).startsWith("Bearer"));
                assertThat(refused.body()).doesNotContain(CUSTOMERS.get(0)).doesNotContain(TOKEN);
            }
            for (String open : List.of("/metrics", "/health/live", "/health/ready")) {
                assertThat(http.send(HttpRequest.newBuilder(uri(asked, open)).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode()).as(open).isEqualTo(200);
            }
        }
    }

    @Test
    void metricsAndHealthAreServedInPrometheusFormat() {
        HttpResponse<String> metrics = get(first, "/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v)
                .startsWith("text/plain"));
        assertThat(metrics.body()).contains(
                "insight_events_consumed_total{topic=\"clickstream\",type=\"page_view\"}",
                "insight_churn_scoring_seconds_bucket{",
                "insight_model_info{kind=\"churn\"",
                "insight_drift_psi{feature=\"days_since_last_event\"",
                "kafka_stream_thread_process_total",
                "jvm_memory_used_bytes",
                "process_cpu_usage");
        assertThat(get(first, "/health/live").statusCode()).isEqualTo(200);
        assertThat(get(first, "/health/ready").body()).contains("\"status\":\"UP\"", "\"streams\":\"RUNNING\"");
        assertThat(get(first, "/nothing-here").statusCode()).isEqualTo(404);
    }

    private static HostInfo owner(String customer) {
        KeyQueryMetadata metadata = first.streams().queryMetadataForKey("customer-state", customer,
                Serdes.String().serializer());
        return metadata.activeHost();
    }

    private static URI uri(InsightApplication app, String path) {
        return URI.create("http://localhost:" + app.httpPort() + path);
    }

    private static HttpResponse<String> get(InsightApplication app, String path) {
        try {
            return http.send(HttpRequest.newBuilder(uri(app, path)).timeout(Duration.ofSeconds(10))
                    .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
