package io.customerinsight.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.customerinsight.testing.ExternalTool;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The chart's alert rules, checked and unit-tested by Prometheus' own promtool. */
class PrometheusRulesTest {
    private static final Path FILES = HelmChartTest.CHART.resolve("files");

    @Test
    void rulesAreValid() throws Exception {
        Path promtool = ExternalTool.require("promtool", "prometheus");
        ExternalTool.Result check = ExternalTool.run(FILES, promtool.toString(), "check", "rules", "alert-rules.yaml");
        assertThat(check.exitCode()).as(check.output()).isZero();
        assertThat(check.output()).contains("SUCCESS");
    }

    @Test
    void everyAlertHasAPassingUnitTest() throws Exception {
        Path promtool = ExternalTool.require("promtool", "prometheus");
        ExternalTool.Result test = ExternalTool.run(FILES, promtool.toString(), "test", "rules", "alert-rules-test.yaml");
        assertThat(test.exitCode()).as(test.output()).isZero();

        YAMLMapper yaml = new YAMLMapper();
        Set<String> alerts = new HashSet<>();
        yaml.readTree(FILES.resolve("alert-rules.yaml").toFile()).at("/groups/0/rules")
                .forEach(r -> alerts.add(r.path("alert").asText()));
        Set<String> firingInTests = new HashSet<>();
        for (JsonNode t : yaml.readTree(FILES.resolve("alert-rules-test.yaml").toFile()).path("tests")) {
            t.path("alert_rule_test").forEach(a -> {
                if (!a.path("exp_alerts").isEmpty()) {
                    firingInTests.add(a.path("alertname").asText());
                }
            });
        }
        assertThat(firingInTests).as("alerts with a test that expects them to fire").isEqualTo(alerts);
    }
}
