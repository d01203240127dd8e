package io.customerinsight.lifecycle;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.customerinsight.config.InsightConfig;
import io.customerinsight.drift.DriftMonitor;
import io.customerinsight.events.EventSerdes;
import io.customerinsight.ops.InsightMetrics;
import io.customerinsight.scoring.ModelLoader;
import io.customerinsight.scoring.ModelSource;
import io.customerinsight.scoring.ScoringModels;
import io.customerinsight.testing.BundledModels;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Hot reload against a copy of the bundled models, edited in place as a data scientist would. */
class ModelReloaderTest {
    @TempDir
    Path dir;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final InsightMetrics metrics = new InsightMetrics(registry);
    private final AtomicLong clock = new AtomicLong(1_700_000_000_000L);
    private InsightConfig config;
    private LiveModels live;
    private ModelReloader reloader;
    private byte[] originalChurnCard;

    @BeforeEach
    void copyTheBundledModels() throws IOException {
        BundledModels.copyTo(dir);
        originalChurnCard = Files.readAllBytes(dir.resolve("churn/card.json"));
        config = InsightConfig.of(Map.of(InsightConfig.MODELS_DIR, dir.toString(),
                InsightConfig.SENTIMENT_ENGINE, "fast"));
        ModelSource source = ModelSource.directory(dir);
        ScoringModels models = ModelLoader.load(source, ModelLoader.SentimentEngine.FAST);
        live = LiveModels.of(models, DriftMonitor.register(models.churn().card(), registry, config.driftWindow(),
                config.driftMinScorings(), config.driftSampleOneIn(), System::currentTimeMillis));
        reloader = new ModelReloader(dir, config, registry, metrics, live, g -> { });
    }

    @AfterEach
    void close() {
        live.close();
    }

    /** Rewrites the churn card with {@code edit} applied, with a modification time of its own. */
    private void editChurnCard(java.util.function.Consumer<ObjectNode> edit) throws IOException {
        ObjectNode card = (ObjectNode) EventSerdes.JSON.readTree(originalChurnCard);
        edit.accept(card);
        writeChurnCard(EventSerdes.JSON.writeValueAsBytes(card));
    }

    private void writeChurnCard(byte[] card) throws IOException {
        Path file = dir.resolve("churn/card.json");
        Files.write(file, card);
        Files.setLastModifiedTime(file, FileTime.fromMillis(clock.addAndGet(1_000)));
    }

    private double reloads(String outcome) {
        return metrics.count("insight.model.reloads", "outcome", outcome);
    }

    @Test
    void aNewChurnVersionIsInstalledAndSharesTheModelsThatDidNotChange() throws IOException {
        assertThat(reloader.poll()).isEqualTo(ModelReloader.Outcome.UNCHANGED);
        ModelGeneration first = live.current();

        editChurnCard(card -> card.put("version", "1.0.1"));
        assertThat(reloader.poll()).isEqualTo(ModelReloader.Outcome.INSTALLED);

        ModelGeneration second = live.current();
        assertThat(second.number()).isEqualTo(2);
        assertThat(second.churn().version()).isEqualTo("1.0.1");
        assertThat(second.sentiment()).isSameAs(first.sentiment());
        assertThat(second.segments()).isSameAs(first.segments());
        assertThat(reloads("installed")).isEqualTo(1);
        assertThat(registry.find("insight.drift.psi").tag("version", "1.0.1").gauges()).isNotEmpty();
        assertThat(registry.find("insight.drift.psi").tag("version", "1.0.0").gauges())
                .as("the retired model's drift gauges are removed").isEmpty();
        assertThat(reloader.poll()).isEqualTo(ModelReloader.Outcome.UNCHANGED);
    }

    @Test
    void aBadVersionIsRefusedAndTheRunningOneStaysThenRollingBackIsTheSamePath() throws IOException {
        editChurnCard(card -> card.put("version", "1.0.1"));
        reloader.poll();

        editChurnCard(card -> card.put("version", "1.0.2").put("sha256", "00" + card.get("sha256").asText().substring(2)));
        assertThat(reloader.poll()).isEqualTo(ModelReloader.Outcome.REFUSED);
        assertThat(live.current().churn().version()).isEqualTo("1.0.1");
        assertThat(reloads("refused")).isEqualTo(1);
        assertThat(reloader.poll()).as("tried again only when its files change again")
                .isEqualTo(ModelReloader.Outcome.UNCHANGED);

        editChurnCard(card -> card.put("version", "1.0.3").put("featureSchemaVersion", "churn-features-v1"));
        assertThat(reloader.poll()).isEqualTo(ModelReloader.Outcome.REFUSED);

        writeChurnCard(originalChurnCard);
        assertThat(reloader.poll()).isEqualTo(ModelReloader.Outcome.INSTALLED);
        assertThat(live.current().churn().version()).isEqualTo("1.0.0");
        assertThat(live.current().number()).isEqualTo(3);
    }

    @Test
    void filesOnlyTouchedOrCopiedAgainInstallNothing() throws IOException {
        writeChurnCard(originalChurnCard);
        Path onnx = dir.resolve("churn/" + EventSerdes.JSON.readTree(originalChurnCard).get("file").asText());
        Files.setLastModifiedTime(onnx, FileTime.fromMillis(clock.addAndGet(1_000)));
        assertThat(reloader.poll()).isEqualTo(ModelReloader.Outcome.UNCHANGED);
        assertThat(live.current().number()).isEqualTo(1);
        assertThat(reloads("installed") + reloads("refused")).isZero();
    }

    @Test
    void aVersionNamesOneModel() throws IOException {
        var running = EventSerdes.JSON.readValue("{\"name\":\"churn-lgbm\",\"version\":\"1.0.0\",\"sha256\":\"aa\"}",
                io.customerinsight.scoring.ModelCard.class);
        var sameFile = EventSerdes.JSON.readValue("{\"name\":\"churn-lgbm\",\"version\":\"1.0.0\",\"sha256\":\"aa\"}",
                io.customerinsight.scoring.ModelCard.class);
        var newVersion = EventSerdes.JSON.readValue("{\"name\":\"churn-lgbm\",\"version\":\"1.1.0\",\"sha256\":\"bb\"}",
                io.customerinsight.scoring.ModelCard.class);
        var sameVersionOtherFile = EventSerdes.JSON.readValue(
                "{\"name\":\"churn-lgbm\",\"version\":\"1.0.0\",\"sha256\":\"bb\"}", io.customerinsight.scoring.ModelCard.class);
        assertThat(ModelReloader.sameCards(java.util.List.of(sameFile), java.util.List.of(running))).isTrue();
        assertThat(ModelReloader.sameCards(java.util.List.of(newVersion), java.util.List.of(running))).isFalse();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ModelReloader.sameCards(
                java.util.List.of(sameVersionOtherFile), java.util.List.of(running)))
                .hasMessageContaining("churn-lgbm 1.0.0 already runs");
    }

    @Test
    void aChallengerAddedToTheDirectoryRunsBesideTheChampionAndIsPromotedByMovingItsFiles() throws IOException {
        Path churn = dir.resolve("churn");
        Path challenger = Files.createDirectories(dir.resolve("challenger/churn"));
        ObjectNode card = (ObjectNode) EventSerdes.JSON.readTree(originalChurnCard);
        Files.copy(churn.resolve(card.get("file").asText()), challenger.resolve(card.get("file").asText()));
        card.put("version", "1.1.0-challenger");
        Files.write(challenger.resolve("card.json"), EventSerdes.JSON.writeValueAsBytes(card));

        ModelGeneration first = live.current();
        assertThat(reloader.poll()).isEqualTo(ModelReloader.Outcome.INSTALLED);
        ModelGeneration second = live.current();
        assertThat(second.challenger().scorer().version()).isEqualTo("1.1.0-challenger");
        assertThat(second.churn()).as("the champion is shared, not reloaded").isSameAs(first.churn());
        assertThat(registry.find("insight.shadow.score.psi").tag("challenger_version", "1.1.0-challenger").gauge())
                .isNotNull();

        // promotion: the challenger's files become the champion's, and the challenger directory goes
        Files.copy(challenger.resolve("card.json"), churn.resolve("card.json"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(churn.resolve("card.json"), FileTime.fromMillis(clock.addAndGet(1_000)));
        try (Stream<Path> files = Files.walk(dir.resolve("challenger"))) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
        assertThat(reloader.poll()).isEqualTo(ModelReloader.Outcome.INSTALLED);
        assertThat(live.current().churn().version()).isEqualTo("1.1.0-challenger");
        assertThat(live.current().challenger()).isNull();
        assertThat(registry.find("insight.shadow.score.psi").gauges()).as("its meters go with it").isEmpty();
    }

    @Test
    void aNewSuggestionModelIsInstalledAloneAndRemovingItLeavesAlertsWithoutSuggestions() throws IOException {
        ModelGeneration first = live.current();
        assertThat(first.suggestions().version()).isEqualTo("1.0.0");
        giveVersion("suggestions/card.json", "1.1.0");

        assertThat(reloader.poll()).isEqualTo(ModelReloader.Outcome.INSTALLED);
        assertThat(live.current().suggestions().version()).isEqualTo("1.1.0");
        assertThat(live.current().churn()).as("the churn model is shared, not reloaded").isSameAs(first.churn());

        try (Stream<Path> files = Files.walk(dir.resolve("suggestions"))) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
        assertThat(reloader.poll()).isEqualTo(ModelReloader.Outcome.INSTALLED);
        assertThat(live.current().suggestions()).isNull();
    }

    @Test
    void aNewComplaintTopicModelIsInstalledAlone() throws IOException {
        ModelGeneration first = live.current();
        giveVersion("topics/en/card.json", "1.1.0");

        assertThat(reloader.poll()).isEqualTo(ModelReloader.Outcome.INSTALLED);
        assertThat(live.current().topics().version()).isEqualTo("1.1.0+1.0.0");
        assertThat(live.current().sentiment()).as("shared, not reloaded").isSameAs(first.sentiment());
        assertThat(live.current().topics().topic("far too small and tight in the waist", "en").aspect())
                .isEqualTo("size");
    }

    /** Rewrites a card under a version of its own, with a modification time of its own. */
    private void giveVersion(String cardPath, String version) throws IOException {
        Path card = dir.resolve(cardPath);
        ObjectNode edited = (ObjectNode) EventSerdes.JSON.readTree(Files.readAllBytes(card));
        edited.put("version", version);
        Files.write(card, EventSerdes.JSON.writeValueAsBytes(edited));
        Files.setLastModifiedTime(card, FileTime.fromMillis(clock.addAndGet(1_000)));
    }
}
