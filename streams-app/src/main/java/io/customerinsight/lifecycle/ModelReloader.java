package io.customerinsight.lifecycle;

import io.customerinsight.config.InsightConfig;
import io.customerinsight.drift.DriftMonitor;
import io.customerinsight.drift.SentimentDrift;
import io.customerinsight.lifecycle.ModelGeneration.Part;
import io.customerinsight.ops.InsightMetrics;
import io.customerinsight.scoring.ChurnExplainer;
import io.customerinsight.scoring.ModelCard;
import io.customerinsight.scoring.ModelLoader;
import io.customerinsight.scoring.ModelSource;
import io.customerinsight.scoring.OnnxChurnScorer;
import io.customerinsight.scoring.ComplaintTopicModel;
import io.customerinsight.scoring.SegmentModel;
import io.customerinsight.suggestions.SuggestionModel;
import io.customerinsight.scoring.SentimentScorer;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Hot reload: checks the model directory for changed files, part by part (churn, sentiment, value, segments, challenger, suggestions,
 * complaint topics),
 * loads what changed with the same checks as start-up (checksums, the feature schema, the encoder a head was
 * trained on, the thresholds the alert policy needs), warms it with a scoring, and installs a new generation
 * that shares every part that did not change. A part that fails any step is refused with a metric and a log
 * line, and the running generation stays; it is tried again when its files change again. Rolling back is
 * the same path: put the previous files back.
 */
public final class ModelReloader {
    private static final Logger log = LoggerFactory.getLogger(ModelReloader.class);

    private final Path directory;
    private final ModelSource source;
    private final ModelLoader.SentimentEngine engine;
    private final InsightConfig config;
    private final MeterRegistry registry;
    private final InsightMetrics metrics;
    private final LiveModels live;
    private final Consumer<ModelGeneration> onInstalled;
    private final Map<Part, String> seen = new EnumMap<>(Part.class);
    private long nextGeneration = 2;

    /** @param onInstalled told of every generation installed (the model-info metrics) */
    public ModelReloader(Path directory, InsightConfig config, MeterRegistry registry, InsightMetrics metrics,
                         LiveModels live, Consumer<ModelGeneration> onInstalled) {
        this.directory = directory;
        this.source = ModelSource.directory(directory);
        this.engine = ModelLoader.SentimentEngine.of(config.sentimentEngine());
        this.config = config;
        this.registry = registry;
        this.metrics = metrics;
        this.live = live;
        this.onInstalled = onInstalled;
        for (Part part : Part.values()) {
            seen.put(part, fingerprint(part));
        }
    }

    /** What one check of the directory did. */
    public enum Outcome { UNCHANGED, INSTALLED, REFUSED }

    /** Checks the directory once; called by the reload thread, and by tests. */
    public synchronized Outcome poll() {
        Map<Part, String> now = new EnumMap<>(Part.class);
        List<Part> changed = new ArrayList<>();
        for (Part part : Part.values()) {
            now.put(part, fingerprint(part));
            if (!now.get(part).equals(seen.get(part))) {
                changed.add(part);
            }
        }
        if (changed.isEmpty()) {
            return Outcome.UNCHANGED;
        }
        // a refused version is not retried until its files change again: one log line per version, not per check
        seen.putAll(now);
        ModelGeneration current = live.acquire();
        Map<Part, SharedPart<?>> loaded = new EnumMap<>(Part.class);
        ModelGeneration next = null;
        try {
            for (Part part : changed) {
                SharedPart<?> fresh = load(part, current);
                if (fresh != null) {
                    loaded.put(part, fresh);
                }
            }
            if (loaded.isEmpty()) {
                return Outcome.UNCHANGED;
            }
            Map<Part, SharedPart<?>> parts = new EnumMap<>(Part.class);
            for (Part part : Part.values()) {
                parts.put(part, loaded.containsKey(part) ? loaded.get(part) : current.part(part));
            }
            next = new ModelGeneration(nextGeneration, parts);
            ModelCheck.verify(next.models(), config);
            ModelCheck.verify(next.challenger());
            log.info("model generation {} installed: {}; tasks move to it at their next scoring batch",
                    next.number(), describe(next, loaded.keySet()));
            live.install(next);
            nextGeneration++;
            for (Part part : loaded.keySet()) {
                metrics.modelReload(part.name().toLowerCase(java.util.Locale.ROOT), "installed");
            }
            onInstalled.accept(next);
            return Outcome.INSTALLED;
        } catch (RuntimeException e) {
            if (next != null) {
                next.release();
            } else {
                loaded.values().forEach(p -> {
                    p.hold();
                    p.release();
                });
            }
            for (Part part : changed) {
                metrics.modelReload(part.name().toLowerCase(java.util.Locale.ROOT), "refused");
            }
            log.warn("model files changed in {} ({}) but were refused; the running generation {} stays: {}",
                    directory, changed, current.number(), e.getMessage());
            return Outcome.REFUSED;
        } finally {
            current.release();
        }
    }

    /** The part loaded and verified, or null when its cards are those already running (files only touched). */
    private SharedPart<?> load(Part part, ModelGeneration current) {
        return switch (part) {
            case CHURN -> {
                OnnxChurnScorer churn = ModelLoader.churn(source);
                if (sameCards(List.of(churn.card()), List.of(current.churn().card()))) {
                    churn.close();
                    yield null;
                }
                ChurnExplainer explainer = new ChurnExplainer(churn, ModelLoader.baseline(churn.card()));
                DriftMonitor drift = DriftMonitor.register(churn.card(), registry, config.driftWindow(),
                        config.driftMinScorings(), config.driftSampleOneIn(), System::currentTimeMillis);
                yield new SharedPart<>(new ModelGeneration.Churn(churn, explainer, drift), () -> {
                    churn.close();
                    if (drift != null) {
                        drift.close();
                    }
                });
            }
            case SENTIMENT -> {
                SentimentScorer scorer = ModelLoader.sentiment(source, engine);
                if (sameCards(scorer.cards(), current.sentiment().cards())) {
                    scorer.close();
                    yield null;
                }
                SentimentScorer watched = new SentimentDrift(scorer, registry, config.driftWindow(),
                        config.driftMinScorings(), System::currentTimeMillis);
                yield new SharedPart<>(watched, watched::close);
            }
            case VALUE -> new SharedPart<>(ModelLoader.value(source), () -> { });
            case CHALLENGER -> {
                OnnxChurnScorer scorer = Challengers.scorer(source);
                if (scorer != null && current.challenger() != null && sameCards(
                        List.of(scorer.card()), List.of(current.challenger().scorer().card()))) {
                    scorer.close();
                    yield null;
                }
                yield Challengers.part(scorer == null ? null : Challengers.challenger(scorer, registry));
            }
            case TOPICS -> {
                ComplaintTopicModel topics = ComplaintTopicModel.load(source);
                if (topics != null && current.topics() != null && sameCards(topics.cards(), current.topics().cards())) {
                    topics.close();
                    yield null;
                }
                yield new SharedPart<>(topics, () -> {
                    if (topics != null) {
                        topics.close();
                    }
                });
            }
            case SUGGESTIONS -> {
                SuggestionModel suggestions = ModelLoader.suggestions(source);
                yield suggestions != null && current.suggestions() != null
                        && sameSuggestions(suggestions.card(), current.suggestions().card())
                        ? null : new SharedPart<>(suggestions, () -> { });
            }
            case SEGMENTS -> {
                SegmentModel segments = ModelLoader.segments(source);
                if (segments != null && current.segments() != null
                        && sameCards(List.of(segments.card()), List.of(current.segments().card()))) {
                    segments.close();
                    yield null;
                }
                yield new SharedPart<>(segments, () -> {
                    if (segments != null) {
                        segments.close();
                    }
                });
            }
        };
    }

    /**
     * Whether the new cards are the running ones (files only touched, or copied again). A different model file
     * under a version that already runs is refused: outputs carry the version that scored them, so a version
     * names one model. A card that changed around the same file (new thresholds, say) is a new part.
     */
    static boolean sameCards(List<ModelCard> fresh, List<ModelCard> running) {
        if (fresh.equals(running)) {
            return true;
        }
        for (ModelCard card : fresh) {
            for (ModelCard old : running) {
                if (card.name().equals(old.name()) && card.version().equals(old.version())
                        && !Objects.equals(card.sha256(), old.sha256())) {
                    throw new IllegalArgumentException("model " + card.name() + " " + card.version()
                            + " already runs with another file (sha256 " + old.sha256() + "): give the new model "
                            + "a version of its own");
                }
            }
        }
        return false;
    }

    /** As {@link #sameCards}, for the suggestion model's card. */
    static boolean sameSuggestions(SuggestionModel.Card fresh, SuggestionModel.Card running) {
        if (!fresh.name().equals(running.name()) || !fresh.version().equals(running.version())) {
            return false;
        }
        if (!fresh.sha256().equals(running.sha256())) {
            throw new IllegalArgumentException("model " + fresh.name() + " " + fresh.version()
                    + " already runs with another file (sha256 " + running.sha256() + "): give the new model "
                    + "a version of its own");
        }
        return true;
    }

    private static String describe(ModelGeneration g, java.util.Set<Part> changed) {
        List<String> parts = new ArrayList<>();
        if (changed.contains(Part.CHURN)) {
            parts.add("churn " + g.churn().name() + " " + g.churn().version());
        }
        if (changed.contains(Part.SENTIMENT)) {
            parts.add("sentiment " + g.sentiment().name() + " " + g.sentiment().version());
        }
        if (changed.contains(Part.VALUE)) {
            parts.add(g.value() == null ? "no value model" : "value model");
        }
        if (changed.contains(Part.CHALLENGER)) {
            parts.add(g.challenger() == null ? "no challenger" : "challenger " + g.challenger().scorer().version());
        }
        if (changed.contains(Part.TOPICS)) {
            parts.add(g.topics() == null ? "no complaint topics" : "complaint topics " + g.topics().version());
        }
        if (changed.contains(Part.SUGGESTIONS)) {
            parts.add(g.suggestions() == null ? "no suggestion model" : "suggestions " + g.suggestions().version());
        }
        if (changed.contains(Part.SEGMENTS)) {
            parts.add(g.segments() == null ? "no segment model" : "segments " + g.segments().version());
        }
        return String.join(", ", parts);
    }

    /**
     * Every file of the part's directories with its size and modification time, following links (a volume
     * Kubernetes updates swaps a link to a new directory). Cheap enough to run every few seconds: no file is read.
     */
    private String fingerprint(Part part) {
        StringBuilder out = new StringBuilder();
        for (String dir : part.directories()) {
            Path root = directory.resolve(dir);
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(root, FileVisitOption.FOLLOW_LINKS)) {
                files.filter(Files::isRegularFile).sorted().forEach(f -> {
                    try {
                        out.append(directory.relativize(f)).append(' ').append(Files.size(f)).append(' ')
                                .append(Files.getLastModifiedTime(f).toMillis()).append('\n');
                    } catch (IOException e) {
                        out.append(directory.relativize(f)).append(" unreadable\n");
                    }
                });
            } catch (IOException | UncheckedIOException e) {
                out.append(dir).append(" unreadable\n");
            }
        }
        return out.toString();
    }
}
