package io.customerinsight.integration;

import com.fasterxml.jackson.databind.JsonNode;
import io.customerinsight.app.InsightApplication;
import io.customerinsight.cli.TopicsCommand;
import io.customerinsight.config.AppConfig;
import io.customerinsight.events.EventSerdes;
import io.customerinsight.broker.EmbeddedKafka;
import io.customerinsight.kafka.TopicSpec;
import io.customerinsight.testing.ExternalTool;
import io.customerinsight.testing.KafkaBackend;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.customerinsight.testing.Events.HOUR;
import static io.customerinsight.testing.Events.T0;
import static io.customerinsight.testing.Events.click;
import static io.customerinsight.testing.Events.feedback;
import static io.customerinsight.testing.Waiting.freePort;
import static io.customerinsight.testing.Waiting.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The app on the in-JVM broker, scraped by a real Prometheus server (Debian package) that also loads the
 * chart's alert rules; the test asks Prometheus' HTTP API for the app's key metrics and evaluates every
 * query of the Grafana dashboard.
 */
@Timeout(300)
class PrometheusScrapeIT {
    private static final int CUSTOMERS = 20;
    private static final int CLICKS_PER_CUSTOMER = 4;
    private static final Path CHART_FILES = Path.of("..", "helm", "customer-insight", "files").toAbsolutePath();
    private static final HttpClient http = HttpClient.newHttpClient();
    private static KafkaBackend kafka;
    private static InsightApplication app;
    private static Process prometheus;
    private static int prometheusPort;

    @BeforeAll
    static void start() throws Exception {
        Path binary = ExternalTool.require("prometheus", "prometheus");
        kafka = KafkaBackend.start();
        int appPort = freePort();
        AppConfig config = AppConfig.of(Map.of(
                "bootstrap.servers", kafka.bootstrapServers(),
                "application.id", "insight-prometheus-e2e",
                "state.dir", Files.createTempDirectory("insight-e2e").toString(),
                "insight.sentiment.engine", "fast",
                "insight.http.port", Integer.toString(appPort),
                "insight.drift.min.scorings", "1"));
        TopicsCommand.apply(config, TopicSpec.load(null));
        EmbeddedKafka.keepHistoryOn(kafka.bootstrapServers(), "clickstream", "feedback");
        app = InsightApplication.create(config);
        app.start();
        assertThat(app.awaitRunning(Duration.ofSeconds(90))).isTrue();

        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            for (int c = 0; c < CUSTOMERS; c++) {
                String customer = "p-" + c;
                for (int i = 0; i < CLICKS_PER_CUSTOMER; i++) {
                    producer.send(new ProducerRecord<>("clickstream", customer,
                            click(customer + "-" + i, customer, "page_view", T0 + i * HOUR, customer + "-s")));
                }
            }
            producer.send(new ProducerRecord<>("clickstream", "p-0", "{broken"));
            producer.send(new ProducerRecord<>("feedback", "p-1", feedback("f-1", "p-1", T0 + 5 * HOUR, "review",
                    "Terrible, it broke after a day.", 1)));
        }

        Path dir = Files.createTempDirectory("insight-prometheus");
        prometheusPort = freePort();
        Files.writeString(dir.resolve("prometheus.yml"), """
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                rule_files:
                  - %s
                scrape_configs:
                  - job_name: customer-insight
                    metrics_path: /metrics
                    static_configs:
                      - targets: ['127.0.0.1:%d']
                """.formatted(CHART_FILES.resolve("alert-rules.yaml"), appPort));
        prometheus = new ProcessBuilder(binary.toString(), "--config.file=" + dir.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + prometheusPort)
                .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
        waitFor("Prometheus to be ready", () -> status("/-/ready") == 200);
        waitFor("the scraped event count to reach every valid click", () ->
                scalar("sum(insight_events_consumed_total{job=\"customer-insight\",topic=\"clickstream\"})")
                        == CUSTOMERS * CLICKS_PER_CUSTOMER);
        // rate() needs two samples of a series after it appeared
        waitFor("a second scrape", () ->
                !query("rate(insight_dlq_writes_total[1m])").at("/data/result").isEmpty());
    }

    @AfterAll
    static void stop() throws Exception {
        if (prometheus != null) {
            prometheus.destroy();
            prometheus.waitFor();
        }
        if (app != null) {
            app.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void prometheusHasTheAppsKeyMetrics() {
        assertThat(scalar("up{job=\"customer-insight\"}")).isEqualTo(1);
        assertThat(scalar("sum(insight_dlq_writes_total{reason=\"not_json\"})")).isEqualTo(1);
        assertThat(scalar("sum(insight_invalid_records_total{topic=\"clickstream\",reason=\"not_json\"})")).isEqualTo(1);
        assertThat(scalar("sum(insight_events_consumed_total{topic=\"feedback\"})")).isEqualTo(1);
        // churn, segments, and the fast sentiment models of English and Chinese
        // churn, two sentiment models, segments, two complaint topic models, suggestions
        assertThat(scalar("count(insight_model_info)")).isEqualTo(7);
        assertThat(scalar("count(insight_model_info{role=\"topics\"})")).isEqualTo(2);
        assertThat(scalar("count(insight_model_info{role=\"suggestions\"})")).isEqualTo(1);
        assertThat(scalar("count(insight_model_info{role=\"segments\"})")).isEqualTo(1);
        assertThat(scalar("max(kafka_stream_client_state)")).isEqualTo(2); // RUNNING
        assertThat(scalar("sum(insight_churn_scoring_seconds_count)")).isGreaterThanOrEqualTo(CUSTOMERS);
        assertThat(scalar("sum(insight_sentiment_scoring_seconds_count{language=\"en\"})")).isEqualTo(1);
        // the one negative review lands below the middle of the positivity scale
        assertThat(scalar("sum(insight_sentiment_positivity_percent_bucket{language=\"en\",le=\"50.0\"})")).isEqualTo(1);
        assertThat(scalar("sum(insight_profile_updates_total)")).isGreaterThanOrEqualTo(CUSTOMERS);
        assertThat(scalar("count(insight_drift_psi)")).isGreaterThan(30);
        assertThat(scalar("count(insight_drift_psi{feature=~\"sentiment_score_(en|zh)\"})")).isEqualTo(2);
        // new, barely active customers: every churn score is far below 50%
        assertThat(scalar("sum(insight_churn_score_percent_bucket{le=\"50.0\"})"))
                .isEqualTo(scalar("sum(insight_churn_score_percent_count)"));
        assertThat(scalar("sum(jvm_memory_used_bytes{area=\"heap\"})")).isPositive();
        assertThat(scalar("max(kafka_stream_alive_stream_threads)")).isEqualTo(1);
    }

    @Test
    void everyDashboardQueryIsValidPromQLAndTheKeyPanelsHaveData() throws Exception {
        JsonNode dashboard = EventSerdes.JSON.readTree(CHART_FILES.resolve("dashboard.json").toFile());
        List<String> empty = new ArrayList<>();
        int queries = 0;
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                // the dashboard's variables at "All"; the test's scrape has no namespace or pod label
                String expr = target.path("expr").asText().replace("$__rate_interval", "1m")
                        .replace("$namespace", ".*").replace("$pod", ".*");
                JsonNode response = query(expr);
                assertThat(response.path("status").asText()).as(expr + ": " + response).isEqualTo("success");
                queries++;
                if (response.at("/data/result").isEmpty()) {
                    empty.add(panel.path("title").asText());
                }
            }
        }
        assertThat(queries).isGreaterThan(15);
        assertThat(empty).as("panels without data").doesNotContain("Events consumed / s by topic",
                "Consumer lag (records)", "Kafka Streams state", "Dead-lettered records / s by reason",
                "Loaded models", "Scoring latency p50 / p99", "Drift: PSI of the 10 most shifted features",
                "Heap used by pod", "Feedback sentiment mix / s");
    }

    @Test
    void prometheusLoadedEveryAlertRule() throws Exception {
        JsonNode rules = EventSerdes.JSON.readTree(get("/api/v1/rules"));
        List<JsonNode> loaded = new ArrayList<>();
        rules.at("/data/groups").forEach(g -> g.path("rules").forEach(loaded::add));
        long declared = java.nio.file.Files.readAllLines(CHART_FILES.resolve("alert-rules.yaml")).stream()
                .filter(line -> line.trim().startsWith("- alert:")).count();
        assertThat(loaded).hasSize((int) declared)
                .allSatisfy(r -> assertThat(r.path("health").asText()).isNotEqualTo("err"));
    }

    private static double scalar(String expr) {
        JsonNode result = query(expr).at("/data/result");
        return result.isEmpty() ? Double.NaN : result.get(0).at("/value/1").asDouble();
    }

    private static JsonNode query(String expr) {
        try {
            return EventSerdes.JSON.readTree(get("/api/v1/query?query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String get(String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + prometheusPort + path)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return "{}";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int status(String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + prometheusPort + path)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
