package io.customerinsight.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Helm chart in helm/, linted and rendered offline by Helm's own Go code (helm-java). */
class HelmChartTest {
    static final Path CHART = Path.of("..", "helm", "customer-insight");
    private static final YAMLMapper YAML = new YAMLMapper();

    @Test
    void lintsCleanInStrictMode() {
        LintResult result = new Helm(CHART).lint().strict().call();
        assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
    }

    @Test
    void defaultsRenderAStatefulSetWithStateVolumesProbesAndALockedDownPod() throws IOException {
        List<JsonNode> docs = render(Map.of());
        assertThat(docs).extracting(d -> d.path("kind").asText())
                .contains("StatefulSet", "Service", "ConfigMap", "PodDisruptionBudget", "ServiceAccount")
                .doesNotContain("ServiceMonitor", "PrometheusRule");

        JsonNode sts = kind(docs, "StatefulSet").get(0);
        assertThat(sts.at("/spec/replicas").asInt()).isEqualTo(2);
        assertThat(sts.at("/spec/serviceName").asText()).isEqualTo("ci-customer-insight-headless");
        JsonNode pod = sts.at("/spec/template/spec");
        JsonNode container = pod.at("/containers/0");
        assertThat(container.at("/ports/0/containerPort").asInt()).isEqualTo(8080);
        assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/health/live");
        assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/health/ready");
        assertThat(container.at("/startupProbe/httpGet/path").asText()).isEqualTo("/health/live");
        assertThat(container.at("/readinessProbe/httpGet/port").asText()).isEqualTo("http");

        assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
        assertThat(pod.at("/securityContext/runAsUser").asInt()).isPositive();
        assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(container.at("/securityContext/allowPrivilegeEscalation").asBoolean()).isFalse();
        assertThat(container.at("/securityContext/capabilities/drop/0").asText()).isEqualTo("ALL");
        assertThat(pod.at("/automountServiceAccountToken").asBoolean(true)).isFalse();

        // state on a persistent volume per pod, and a writable /tmp beside the read-only root
        assertThat(sts.at("/spec/volumeClaimTemplates/0/metadata/name").asText()).isEqualTo("state");
        assertThat(sts.at("/spec/volumeClaimTemplates/0/spec/resources/requests/storage").asText()).isEqualTo("10Gi");
        assertThat(mountPath(container, "state")).isEqualTo("/var/lib/customer-insight/state");
        assertThat(mountPath(container, "tmp")).isEqualTo("/tmp");
        assertThat(container.path("env").findValuesAsText("name")).as("no token asked unless a Secret is named")
                .doesNotContain("INSIGHT_HTTP_CUSTOMERS_TOKEN");
        assertThat(env(container, "KAFKA_APPLICATION_SERVER").path("value").asText())
                .isEqualTo("$(POD_NAME).ci-customer-insight-headless.insight.svc.cluster.local:8080");
        assertThat(env(container, "KAFKA_BOOTSTRAP_SERVERS").path("value").asText()).isEqualTo("kafka:9092");
        assertThat(container.path("args").toString()).contains("-XX:MaxRAMPercentage=50", "run", "--config");
        assertThat(container.at("/resources/limits/memory").asText()).isEqualTo("3Gi");

        // topics are created (never auto-created) by `topics apply` before the pipeline starts
        JsonNode init = pod.at("/initContainers/0");
        assertThat(init.path("name").asText()).isEqualTo("topics-apply");
        assertThat(init.path("args").toString()).contains("\"topics\"", "\"apply\"", "application.properties");
        assertThat(env(init, "KAFKA_BOOTSTRAP_SERVERS").path("value").asText()).isEqualTo("kafka:9092");
        assertThat(init.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(mountPath(init, "tmp")).isEqualTo("/tmp");

        String properties = kind(docs, "ConfigMap").stream()
                .filter(d -> d.at("/data/application.properties").isTextual()).findFirst().orElseThrow()
                .at("/data/application.properties").asText();
        assertThat(properties).contains("num.standby.replicas=1", "processing.guarantee=exactly_once_v2",
                "state.dir=/var/lib/customer-insight/state", "insight.http.port=8080", "replication.factor=3");

        JsonNode headless = kind(docs, "Service").stream()
                .filter(s -> s.at("/metadata/name").asText().endsWith("-headless")).findFirst().orElseThrow();
        assertThat(headless.at("/spec/clusterIP").asText()).isEqualTo("None");
        assertThat(headless.at("/spec/publishNotReadyAddresses").asBoolean()).isTrue();
        assertThat(kind(docs, "PodDisruptionBudget").get(0).at("/spec/maxUnavailable").asInt()).isEqualTo(1);

        JsonNode dashboard = kind(docs, "ConfigMap").stream()
                .filter(d -> d.at("/metadata/labels/grafana_dashboard").asText().equals("1")).findFirst().orElseThrow();
        JsonNode json = new ObjectMapper().readTree(dashboard.at("/data/customer-insight.json").asText());
        assertThat(json.path("panels").size()).isGreaterThan(10);
    }

    @Test
    void nonDefaultValuesReachTheManifests() throws IOException {
        List<JsonNode> docs = render(Map.ofEntries(
                Map.entry("replicaCount", 4),
                Map.entry("streams.standbyReplicas", 2),
                Map.entry("http.port", 9090),
                Map.entry("http.customersToken.existingSecret", "insight-http"),
                Map.entry("kafka.bootstrapServers", "broker-0.kafka:9093"),
                Map.entry("kafka.securityProtocol", "SASL_SSL"),
                Map.entry("kafka.sasl.existingSecret", "kafka-credentials"),
                Map.entry("kafka.tls.existingSecret", "kafka-tls"),
                Map.entry("persistence.size", "50Gi"),
                Map.entry("persistence.storageClass", "fast-ssd"),
                Map.entry("podDisruptionBudget.maxUnavailable", 2),
                Map.entry("serviceMonitor.enabled", true),
                Map.entry("prometheusRule.enabled", true)));
        JsonNode sts = kind(docs, "StatefulSet").get(0);
        assertThat(sts.at("/spec/replicas").asInt()).isEqualTo(4);
        assertThat(sts.at("/spec/volumeClaimTemplates/0/spec/storageClassName").asText()).isEqualTo("fast-ssd");
        assertThat(sts.at("/spec/volumeClaimTemplates/0/spec/resources/requests/storage").asText()).isEqualTo("50Gi");
        JsonNode container = sts.at("/spec/template/spec/containers/0");
        assertThat(container.at("/ports/0/containerPort").asInt()).isEqualTo(9090);
        assertThat(env(container, "KAFKA_APPLICATION_SERVER").path("value").asText()).endsWith(":9090");
        assertThat(env(container, "INSIGHT_HTTP_CUSTOMERS_TOKEN").at("/valueFrom/secretKeyRef/name").asText())
                .isEqualTo("insight-http");
        assertThat(env(container, "INSIGHT_HTTP_CUSTOMERS_TOKEN").at("/valueFrom/secretKeyRef/key").asText())
                .isEqualTo("token");
        assertThat(env(container, "KAFKA_SASL_JAAS_CONFIG").at("/valueFrom/secretKeyRef/name").asText())
                .isEqualTo("kafka-credentials");
        assertThat(env(container, "KAFKA_SSL_TRUSTSTORE_PASSWORD").at("/valueFrom/secretKeyRef/name").asText())
                .isEqualTo("kafka-tls");
        assertThat(mountPath(container, "kafka-tls")).isEqualTo("/etc/customer-insight/tls");
        JsonNode init = sts.at("/spec/template/spec/initContainers/0");
        assertThat(env(init, "KAFKA_SASL_JAAS_CONFIG").at("/valueFrom/secretKeyRef/name").asText())
                .isEqualTo("kafka-credentials");
        assertThat(mountPath(init, "kafka-tls")).isEqualTo("/etc/customer-insight/tls");
        String properties = kind(docs, "ConfigMap").get(0).at("/data/application.properties").asText();
        assertThat(properties).contains("num.standby.replicas=2", "security.protocol=SASL_SSL",
                "sasl.mechanism=SCRAM-SHA-512", "ssl.truststore.location=/etc/customer-insight/tls/truststore.p12",
                "insight.http.port=9090");
        assertThat(properties).doesNotContain("jaas"); // credentials stay in the Secret
        assertThat(kind(docs, "PodDisruptionBudget").get(0).at("/spec/maxUnavailable").asInt()).isEqualTo(2);
        assertThat(kind(docs, "ServiceMonitor").get(0).at("/spec/endpoints/0/path").asText()).isEqualTo("/metrics");

        // the PrometheusRule carries exactly the rules promtool tests
        JsonNode rule = kind(docs, "PrometheusRule").get(0);
        JsonNode tested = YAML.readTree(CHART.resolve("files/alert-rules.yaml").toFile());
        assertThat(rule.at("/spec/groups")).isEqualTo(tested.path("groups"));
    }

    @Test
    void aNetworkPolicyLetsOnlyTheAppsPodsAndTheListedPeersReachTheHttpPort() throws IOException {
        assertThat(kind(render(Map.of()), "NetworkPolicy")).as("off by default").isEmpty();
        List<JsonNode> docs = render(Map.of("networkPolicy.enabled", true,
                "networkPolicy.allowedFrom[0].namespaceSelector.matchLabels.kubernetes\\.io/metadata\\.name",
                "monitoring"));
        JsonNode policy = kind(docs, "NetworkPolicy").get(0);
        JsonNode podLabels = kind(docs, "StatefulSet").get(0).at("/spec/template/metadata/labels");
        assertThat(policy.at("/spec/policyTypes").toString()).isEqualTo("[\"Ingress\"]");
        policy.at("/spec/podSelector/matchLabels").fields().forEachRemaining(label ->
                assertThat(podLabels.path(label.getKey()).asText()).isEqualTo(label.getValue().asText()));
        JsonNode rule = policy.at("/spec/ingress/0");
        assertThat(rule.at("/from/0/podSelector/matchLabels")).isEqualTo(policy.at("/spec/podSelector/matchLabels"));
        assertThat(rule.at("/from/1/namespaceSelector/matchLabels").path("kubernetes.io/metadata.name").asText())
                .isEqualTo("monitoring");
        assertThat(rule.at("/ports/0/port").asText()).isEqualTo("http");
    }

    @Test
    void optionalPartsCanBeTurnedOffAndMissingBootstrapServersIsRefused() throws IOException {
        JsonNode sts = kind(render(Map.of("persistence.enabled", false, "topics.apply", false)), "StatefulSet").get(0);
        assertThat(sts.at("/spec/template/spec/initContainers").isMissingNode()).isTrue();
        assertThat(sts.at("/spec/volumeClaimTemplates").isMissingNode()).isTrue();
        assertThat(StreamSupport.stream(sts.at("/spec/template/spec/volumes").spliterator(), false)
                .filter(v -> v.path("name").asText().equals("state")).findFirst().orElseThrow().has("emptyDir")).isTrue();

        assertThatThrownBy(() -> render(Map.of("kafka.bootstrapServers", "")))
                .hasMessageContaining("kafka.bootstrapServers is required");
    }

    @Test
    void modelsComeFromAVolumeAConfigMapOrAnImageAndArePickedUpWithoutARestart() throws IOException {
        List<JsonNode> bundled = render(Map.of());
        assertThat(volume(kind(bundled, "StatefulSet").get(0), "models")).isNull();
        assertThat(properties(bundled)).doesNotContain("insight.models.dir");

        List<JsonNode> fromVolume = render(Map.of("models.source", "volume", "models.existingClaim", "insight-models",
                "models.directory", "current", "models.reloadInterval", "10s"));
        JsonNode sts = kind(fromVolume, "StatefulSet").get(0);
        assertThat(volume(sts, "models").at("/persistentVolumeClaim/claimName").asText()).isEqualTo("insight-models");
        JsonNode container = sts.at("/spec/template/spec/containers/0");
        assertThat(mountPath(container, "models")).isEqualTo("/models");
        assertThat(properties(fromVolume)).contains("insight.models.dir=/models/current",
                "insight.models.reload.interval=10s");

        JsonNode fromConfigMap = kind(render(Map.of("models.source", "configMap", "models.configMapName", "small-models",
                "models.configMapItems[0].key", "churn-card.json", "models.configMapItems[0].path", "churn/card.json")),
                "StatefulSet").get(0);
        assertThat(volume(fromConfigMap, "models").at("/configMap/name").asText()).isEqualTo("small-models");
        assertThat(volume(fromConfigMap, "models").at("/configMap/items/0/path").asText()).isEqualTo("churn/card.json");

        JsonNode fromImage = kind(render(Map.of("models.source", "image", "models.image", "registry/models:7")),
                "StatefulSet").get(0);
        assertThat(fromImage.at("/spec/template/spec/initContainers/0/name").asText()).isEqualTo("models-copy");
        assertThat(fromImage.at("/spec/template/spec/initContainers/0/image").asText()).isEqualTo("registry/models:7");
        assertThat(fromImage.at("/spec/template/spec/initContainers/1/name").asText()).isEqualTo("topics-apply");
        assertThat(volume(fromImage, "models").has("emptyDir")).isTrue();
        JsonNode imageOnly = kind(render(Map.of("models.source", "image", "models.image", "registry/models:7",
                "topics.apply", false)), "StatefulSet").get(0);
        assertThat(imageOnly.at("/spec/template/spec/initContainers").size()).isEqualTo(1);

        assertThatThrownBy(() -> render(Map.of("models.source", "volume")))
                .hasMessageContaining("models.existingClaim is required");
        assertThatThrownBy(() -> render(Map.of("models.source", "s3")))
                .hasMessageContaining("models.source must be bundled, volume, configMap or image");
    }

    private static JsonNode volume(JsonNode sts, String name) {
        return StreamSupport.stream(sts.at("/spec/template/spec/volumes").spliterator(), false)
                .filter(v -> v.path("name").asText().equals(name)).findFirst().orElse(null);
    }

    private static String properties(List<JsonNode> docs) {
        return kind(docs, "ConfigMap").get(0).at("/data/application.properties").asText();
    }

    static List<JsonNode> render(Map<String, Object> values) throws IOException {
        TemplateCommand template = new Helm(CHART).template().withName("ci").withNamespace("insight")
                .withKubeVersion("1.30.0");
        values.forEach(template::set);
        String rendered = template.call();
        List<JsonNode> docs = new ArrayList<>();
        try (var parser = new YAMLFactory().createParser(rendered)) {
            YAML.readValues(parser, JsonNode.class).forEachRemaining(d -> {
                if (d != null && !d.isEmpty()) {
                    docs.add(d);
                }
            });
        }
        return docs;
    }

    static List<JsonNode> kind(List<JsonNode> docs, String kind) {
        return docs.stream().filter(d -> d.path("kind").asText().equals(kind)).toList();
    }

    private static String mountPath(JsonNode container, String volume) {
        return StreamSupport.stream(container.path("volumeMounts").spliterator(), false)
                .filter(m -> m.path("name").asText().equals(volume)).findFirst().orElseThrow()
                .path("mountPath").asText();
    }

    private static JsonNode env(JsonNode container, String name) {
        return StreamSupport.stream(container.path("env").spliterator(), false)
                .filter(e -> e.path("name").asText().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no env " + name));
    }

}
