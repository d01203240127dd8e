package io.customerinsight.testing;

import io.customerinsight.config.AppConfig;
import io.customerinsight.config.InsightConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;

/**
 * The settings an integration test's pipeline starts from: its broker, its own application id and state
 * directory, the fast sentiment engine (the encoder costs seconds and is no test's subject here) and no HTTP
 * server. {@code more} adds or replaces settings, as key, value, key, value...
 */
public final class IntegrationConfig {
    private IntegrationConfig() {
    }

    public static AppConfig of(String servers, String applicationId, String... more) {
        if (more.length % 2 != 0) {
            throw new IllegalArgumentException("settings come as key, value pairs");
        }
        Map<String, String> settings = new HashMap<>(Map.of(
                "bootstrap.servers", servers,
                "application.id", applicationId,
                "state.dir", stateDir(applicationId),
                InsightConfig.SENTIMENT_ENGINE, "fast",
                InsightConfig.HTTP_ENABLED, "false"));
        for (int i = 0; i < more.length; i += 2) {
            settings.put(more[i], more[i + 1]);
        }
        return AppConfig.of(settings);
    }

    private static String stateDir(String applicationId) {
        try {
            return Files.createTempDirectory(applicationId).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
