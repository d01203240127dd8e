package io.customerinsight.config;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.CaseInsensitiveValidString;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Every {@code insight.*} setting, declared once with its type, default, validator and documentation (the
 * README's settings table is generated from {@link #DEFINITION}). An instance holds validated, typed values;
 * an unknown {@code insight.*} key or an invalid value is refused with a message that names the key.
 */
public final class InsightConfig extends AbstractConfig {
    public static final String PREFIX = "insight.";

    public static final String MODELS_DIR = "insight.models.dir";
    public static final String MODELS_RELOAD_INTERVAL = "insight.models.reload.interval";
    public static final String PLAYBOOK = "insight.playbook";
    public static final String SENTIMENT_ENGINE = "insight.sentiment.engine";
    public static final String SENTIMENT_ENCODER_CHANNELS = "insight.sentiment.encoder.channels";
    public static final String RISK_MEDIUM = "insight.risk.medium";
    public static final String RISK_HIGH = "insight.risk.high";
    public static final String RISK_HYSTERESIS = "insight.risk.hysteresis";
    public static final String ALERT_COOLDOWN = "insight.alert.cooldown";
    public static final String ALERT_MIN_LEVEL = "insight.alert.min.level";
    public static final String ALERT_MAX_SILENCE = "insight.alert.max.silence";
    public static final String ALERT_TOP_FACTORS = "insight.alert.top.factors";
    public static final String ALERT_MIN_HISTORY = "insight.alert.min.history";
    public static final String ALERT_SUGGESTIONS = "insight.alert.suggestions";
    public static final String GRACE = "insight.grace";
    public static final String INPUT_MERGE = "insight.input.merge";
    public static final String FUTURE_TOLERANCE = "insight.future.tolerance";
    public static final String RESCORE_MIN_INTERVAL = "insight.rescore.min.interval";
    public static final String RESCORE_INACTIVITY = "insight.rescore.inactivity";
    public static final String SWEEP_MAX = "insight.sweep.max";
    public static final String SCORING_BATCH = "insight.scoring.batch";
    public static final String PROFILE_COALESCE = "insight.profile.coalesce";
    public static final String SCORING_MAX_DELAY = "insight.scoring.max.delay";
    public static final String SCORING_MAX_LAG = "insight.scoring.max.lag";
    public static final String RETENTION = "insight.retention";
    public static final String STATE_CACHE_CUSTOMERS = "insight.state.cache.customers";
    public static final String SENTIMENT_URGENT = "insight.sentiment.urgent";
    public static final String TEXT_MAX_CHARS = "insight.text.max.chars";
    public static final String HTTP_ENABLED = "insight.http.enabled";
    public static final String HTTP_PORT = "insight.http.port";
    public static final String HTTP_HOST = "insight.http.host";
    public static final String HTTP_CUSTOMERS_TOKEN = "insight.http.customers.token";
    public static final String DRIFT_WINDOW = "insight.drift.window";
    public static final String DRIFT_MIN_SCORINGS = "insight.drift.min.scorings";
    public static final String DRIFT_SAMPLE_ONE_IN = "insight.drift.sample.one.in";
    public static final String SHUTDOWN_LEAVE_GROUP = "insight.shutdown.leave.group";
    public static final String ROCKSDB_MEMORY_MB = "insight.rocksdb.memory.mb";
    public static final String THREAD_REPLACEMENTS_MAX = "insight.thread.replacements.max";
    public static final String THREAD_REPLACEMENTS_WINDOW = "insight.thread.replacements.window";

    /** The catalogue. Durations are strings checked by {@link SettingValidators}, so that {@code 6h} and {@code PT6H} both work. */
    public static final ConfigDef DEFINITION = define();

    private static ConfigDef define() {
        ConfigDef d = new ConfigDef();
        for (TopicRole role : TopicRole.values()) {
            d.define(role.settingsKey(), Type.STRING, role.defaultName(), new ConfigDef.NonEmptyString(),
                    Importance.HIGH, "name of the " + role.description());
        }
        return d
                .define(MODELS_DIR, Type.STRING, null, Importance.HIGH,
                        "model directory (see Models); unset: the models bundled in the jar")
                .define(MODELS_RELOAD_INTERVAL, Type.STRING, "30s", SettingValidators.DURATION, Importance.MEDIUM,
                        "how often the model directory is checked for changed models (hot reload: a card and its "
                                + "ONNX file replaced, or the directory swapped as Kubernetes updates a mounted "
                                + "volume); `0s` turns it off. Only with `" + MODELS_DIR + "`")
                .define(PLAYBOOK, Type.STRING, null, Importance.MEDIUM,
                        "next-best-action playbook file (YAML; see Next best action); unset: the playbook bundled "
                                + "in the jar. A playbook that cannot be used stops start-up, naming the line")
                .define(SENTIMENT_ENGINE, Type.STRING, "cascade",
                        CaseInsensitiveValidString.in("cascade", "fast", "encoder"), Importance.MEDIUM,
                        "`cascade` (the fast model of the text's language decides the texts it is sure of, the "
                                + "encoder path the rest, by the fast cards' thresholds), `fast` (TF-IDF per language "
                                + "only) or `encoder` (BGE-small + head per language only)")
                .define(SENTIMENT_ENCODER_CHANNELS, Type.LIST, "en:support_ticket,en:chat",
                        SettingValidators.LANGUAGE_CHANNELS, Importance.MEDIUM,
                        "with the `cascade` engine, the channels whose messages the encoder path decides whatever "
                                + "the fast model says: `language:channel` (`en:chat`) or a channel alone for both "
                                + "languages; empty: none. The fast models learnt from product reviews")
                .define(RISK_MEDIUM, Type.DOUBLE, null, Importance.MEDIUM,
                        "churn probability at which a customer enters `medium`; unset: the model card's threshold")
                .define(RISK_HIGH, Type.DOUBLE, null, Importance.MEDIUM,
                        "churn probability at which a customer enters `high`; unset: the model card's threshold")
                .define(RISK_HYSTERESIS, Type.DOUBLE, 0.05, Range.between(0.0, 1.0), Importance.LOW,
                        "a level is left only below its threshold minus this")
                .define(ALERT_COOLDOWN, Type.STRING, null, SettingValidators.OPTIONAL_DURATION, Importance.MEDIUM,
                        "a level that holds is alerted again after this; unset: the churn model's horizon (its "
                                + "card's `trainingData.label.horizon`, 30 days for the bundled model), when the "
                                + "outcome of the alert before is decided")
                .define(ALERT_MAX_SILENCE, Type.STRING, null, SettingValidators.OPTIONAL_DURATION, Importance.MEDIUM,
                        "a customer silent for longer than this is lapsed: the churn model no longer alerts on them, "
                                + "and their profile says since when (`lapsedSince`) until they come back; unset: "
                                + "the longest silence the churn model was trained on (its card's "
                                + "`trainingData.label.activeWithin`, 30 days for the bundled model; none for a "
                                + "card without it)")
                .define(ALERT_MIN_LEVEL, Type.STRING, "medium", CaseInsensitiveValidString.in("medium", "high"),
                        Importance.MEDIUM, "lowest level that alerts")
                .define(ALERT_TOP_FACTORS, Type.INT, 5, Range.between(0, 50), Importance.LOW,
                        "contributing features named per alert")
                .define(ALERT_SUGGESTIONS, Type.INT, 5, Range.between(0, 20), Importance.LOW,
                        "products suggested per alert, from the suggestion model of the model directory (none "
                                + "without one, or with 0)")
                .define(ALERT_MIN_HISTORY, Type.STRING, "14d", SettingValidators.DURATION, Importance.MEDIUM,
                        "no alert for a customer observed for less than this; the profile still shows its risk")
                .define(GRACE, Type.STRING, "30d", SettingValidators.LATENESS, Importance.HIGH,
                        "how late an event may be: one older than the newest event of its input partition minus "
                                + "this is dead-lettered as `late_event`; within it, it is applied to the buckets "
                                + "its time falls in (the daily buckets reach back 32 days, so at most 31d)")
                .define(INPUT_MERGE, Type.STRING, "consumer", CaseInsensitiveValidString.in("consumer", "streams"),
                        Importance.LOW, "how a task's inputs are merged in event time: `consumer` (the main "
                                + "consumer hands Kafka Streams a record once the task's other inputs cannot deliver "
                                + "an earlier one, with `max.task.idle.ms=-1`) or `streams` (Kafka Streams waits for "
                                + "empty inputs, `max.task.idle.ms=0`); the same order either way, `consumer` without "
                                + "the per-record cost of Kafka Streams' readiness check")
                .define(FUTURE_TOLERANCE, Type.STRING, "1h", SettingValidators.FUTURE_TOLERANCE, Importance.MEDIUM,
                        "how far ahead of the wall clock an event's time may be (a producer's clock running fast); "
                                + "one further ahead is dead-lettered as `timestamp_out_of_range`, since it would "
                                + "move its task's stream time and score the task's other customers early. Kafka "
                                + "brokers refuse record timestamps more than an hour ahead by default too")
                .define(RESCORE_MIN_INTERVAL, Type.STRING, "5m", SettingValidators.DURATION, Importance.MEDIUM,
                        "ordinary activity rescores and republishes a customer at most this often (event time)")
                .define(RESCORE_INACTIVITY, Type.STRING, "24h", SettingValidators.DURATION, Importance.MEDIUM,
                        "a quiet customer is rescored at each whole period of silence after its last activity")
                .define(PROFILE_COALESCE, Type.BOOLEAN, true, Importance.LOW,
                        "a customer's profiles made between two commits are published once, the latest, at the "
                                + "commit (as Kafka Streams' record caches do for tables): a backlog or a burst "
                                + "publishes fewer records, with the same final profiles; false publishes every change")
                .define(SWEEP_MAX, Type.INT, 10_000, Range.atLeast(1), Importance.LOW,
                        "snapshots scored per model call at most (more are scored in several calls)")
                .define(SCORING_BATCH, Type.INT, 256, Range.atLeast(1), Importance.LOW,
                        "snapshots are scored together, in one model call, once this many wait")
                .define(SCORING_MAX_DELAY, Type.STRING, "100ms", SettingValidators.DURATION, Importance.LOW,
                        "every this much wall-clock time, the snapshots waiting are scored (a batch not yet full); "
                                + "a task without a record for this long takes the snapshots due at its stream time")
                .define(SCORING_MAX_LAG, Type.STRING, "6h", SettingValidators.DURATION, Importance.LOW,
                        "snapshots waiting are scored once stream time is this far past the oldest, without "
                                + "waiting for the wall clock (replays)")
                .define(RETENTION, Type.STRING, "400d", SettingValidators.DURATION, Importance.MEDIUM,
                        "state of a customer silent this long is deleted; it should cover the features' longest "
                                + "horizon (52 weeks) so that a yearly buyer keeps their history")
                .define(STATE_CACHE_CUSTOMERS, Type.INT, 8_000, Range.atLeast(1), Importance.LOW,
                        "customer states each task keeps decoded in memory (about 7 KB of heap each for a month "
                                + "of regular activity, 11 KB for a year or more: some 90 MB per task by default); "
                                + "beyond it the least recently used is written back")
                .define(SENTIMENT_URGENT, Type.DOUBLE, -0.6, Range.between(-1.0, 1.0), Importance.LOW,
                        "feedback at or below this sentiment rescores the customer at once")
                .define(TEXT_MAX_CHARS, Type.INT, 2000, Range.atLeast(1), Importance.LOW,
                        "feedback text is cut to this many characters for scoring (live and in `replay`)")
                .define(HTTP_ENABLED, Type.BOOLEAN, true, Importance.LOW,
                        "serve `/metrics`, `/health/*` and `/customers/{id}`")
                .define(HTTP_PORT, Type.INT, 8080, Range.between(0, 65535), Importance.LOW,
                        "port of the HTTP endpoints (0: any free port)")
                .define(HTTP_HOST, Type.STRING, "0.0.0.0", new ConfigDef.NonEmptyString(), Importance.LOW,
                        "address the HTTP endpoints listen on")
                .define(HTTP_CUSTOMERS_TOKEN, Type.PASSWORD, null, Importance.MEDIUM,
                        "bearer token `/customers/{id}` requires (`Authorization: Bearer <token>`), since profiles "
                                + "are personal data; every instance needs the same one, as they forward requests "
                                + "to each other. Unset: no token is asked, so protect the port another way. "
                                + "`/metrics` and `/health/*` never ask for one")
                .define(DRIFT_WINDOW, Type.STRING, "1h", SettingValidators.DURATION, Importance.LOW,
                        "sliding wall-clock window of the drift index")
                .define(DRIFT_MIN_SCORINGS, Type.LONG, 1000L, Range.atLeast(1), Importance.LOW,
                        "below this many binned scorings in the window the drift index is NaN")
                .define(DRIFT_SAMPLE_ONE_IN, Type.INT, 4, Range.atLeast(1), Importance.LOW,
                        "the churn drift index bins a uniform random sample of one scoring in this many (1: every "
                        + "scoring); binning costs about a microsecond per scoring")
                .define(SHUTDOWN_LEAVE_GROUP, Type.BOOLEAN, false, Importance.LOW,
                        "leave the consumer group on shutdown (hand tasks over at once; costs a rebalance on restart)")
                .define(ROCKSDB_MEMORY_MB, Type.LONG, 256L, Range.atLeast(16), Importance.MEDIUM,
                        "off-heap memory of all RocksDB stores of the instance together, in MiB: block cache "
                                + "and memtables share it (the chart's 3 GiB limit holds a 50% heap, about 1 GiB "
                                + "for the encoders, and this)")
                .define(THREAD_REPLACEMENTS_MAX, Type.INT, 3, Range.atLeast(0), Importance.LOW,
                        "a failed stream thread is replaced at most this many times within the window below; "
                                + "one more failure shuts the instance down (liveness fails, the orchestrator "
                                + "restarts it)")
                .define(THREAD_REPLACEMENTS_WINDOW, Type.STRING, "10m", SettingValidators.DURATION, Importance.LOW,
                        "the window of wall-clock time in which stream-thread replacements are counted");
    }

    private InsightConfig(Map<String, ?> insightSettings) {
        super(DEFINITION, insightSettings, false);
    }

    /**
     * Validates the {@code insight.*} entries of {@code settings} (other keys are ignored here: they belong to
     * Kafka). Unknown keys and invalid values are refused with a {@link ConfigException} naming the key.
     */
    public static InsightConfig of(Map<String, ?> settings) {
        Map<String, Object> own = new java.util.TreeMap<>();
        TreeSet<String> unknown = new TreeSet<>();
        settings.forEach((key, value) -> {
            if (key.startsWith(PREFIX)) {
                if (DEFINITION.names().contains(key)) {
                    own.put(key, value);
                } else {
                    unknown.add(key);
                }
            }
        });
        if (!unknown.isEmpty()) {
            throw new ConfigException("unknown setting" + (unknown.size() > 1 ? "s " : " ") + String.join(", ", unknown)
                    + " (every insight.* key is listed in the README's settings table"
                    + NearestKey.suggestion(unknown.first(), DEFINITION.names()) + ")");
        }
        return new InsightConfig(own);
    }

    /** Every default. */
    public static InsightConfig defaults() {
        return of(Map.of());
    }

    public static boolean isKnown(String key) {
        return DEFINITION.names().contains(key);
    }

    public String topic(TopicRole role) {
        return getString(role.settingsKey());
    }

    public Duration duration(String key) {
        return Durations.parse(getString(key));
    }

    public String modelsDir() {
        return getString(MODELS_DIR);
    }

    /** The playbook file, or null for the bundled one. */
    public java.nio.file.Path playbook() {
        String path = getString(PLAYBOOK);
        return path == null || path.isBlank() ? null : java.nio.file.Path.of(path);
    }

    public Duration modelsReloadInterval() {
        return duration(MODELS_RELOAD_INTERVAL);
    }

    public String sentimentEngine() {
        return getString(SENTIMENT_ENGINE).toLowerCase(Locale.ROOT);
    }

    /** whether the main consumer merges each task's inputs in event time (else Kafka Streams' idling does) */
    public boolean mergeInConsumer() {
        return getString(INPUT_MERGE).equalsIgnoreCase("consumer");
    }

    public Duration grace() {
        return duration(GRACE);
    }

    public Duration futureTolerance() {
        return duration(FUTURE_TOLERANCE);
    }

    public Duration minRescoreInterval() {
        return duration(RESCORE_MIN_INTERVAL);
    }

    public Duration inactivityRescore() {
        return duration(RESCORE_INACTIVITY);
    }

    public int maxPerSweep() {
        return getInt(SWEEP_MAX);
    }

    public Duration retention() {
        return duration(RETENTION);
    }

    public double urgentSentiment() {
        return getDouble(SENTIMENT_URGENT);
    }

    public java.util.List<String> sentimentEncoderChannels() {
        return getList(SENTIMENT_ENCODER_CHANNELS);
    }

    public int maxTextChars() {
        return getInt(TEXT_MAX_CHARS);
    }

    public int topFactors() {
        return getInt(ALERT_TOP_FACTORS);
    }

    public int suggestionsPerAlert() {
        return getInt(ALERT_SUGGESTIONS);
    }

    public Duration minHistory() {
        return duration(ALERT_MIN_HISTORY);
    }

    public int scoringBatch() {
        return getInt(SCORING_BATCH);
    }

    public Duration scoringMaxDelay() {
        return duration(SCORING_MAX_DELAY);
    }

    public boolean profileCoalesce() {
        return getBoolean(PROFILE_COALESCE);
    }

    public Duration scoringMaxLag() {
        return duration(SCORING_MAX_LAG);
    }

    public int cachedCustomers() {
        return getInt(STATE_CACHE_CUSTOMERS);
    }

    /** The configured cooldown, or null for the churn model's horizon. */
    public Duration alertCooldown() {
        return getString(ALERT_COOLDOWN) == null ? null : duration(ALERT_COOLDOWN);
    }

    /** The configured longest silence judged, or null for the churn model's {@code activeWithin}. */
    public Duration alertMaxSilence() {
        return getString(ALERT_MAX_SILENCE) == null ? null : duration(ALERT_MAX_SILENCE);
    }

    public String alertMinLevel() {
        return getString(ALERT_MIN_LEVEL).toLowerCase(Locale.ROOT);
    }

    /** The configured threshold, or null to take the model card's. */
    public Double riskMedium() {
        return getDouble(RISK_MEDIUM);
    }

    public Double riskHigh() {
        return getDouble(RISK_HIGH);
    }

    public double riskHysteresis() {
        return getDouble(RISK_HYSTERESIS);
    }

    public boolean httpEnabled() {
        return getBoolean(HTTP_ENABLED);
    }

    public int httpPort() {
        return getInt(HTTP_PORT);
    }

    public String httpHost() {
        return getString(HTTP_HOST);
    }

    /** The token {@code /customers/{id}} requires, or null when none is set. */
    public String httpCustomersToken() {
        Password token = getPassword(HTTP_CUSTOMERS_TOKEN);
        return token == null || token.value().isBlank() ? null : token.value();
    }

    public Duration driftWindow() {
        return duration(DRIFT_WINDOW);
    }

    public long driftMinScorings() {
        return getLong(DRIFT_MIN_SCORINGS);
    }

    public int driftSampleOneIn() {
        return getInt(DRIFT_SAMPLE_ONE_IN);
    }

    public long rocksDbMemoryMb() {
        return getLong(ROCKSDB_MEMORY_MB);
    }

    public int maxThreadReplacements() {
        return getInt(THREAD_REPLACEMENTS_MAX);
    }

    public Duration threadReplacementWindow() {
        return duration(THREAD_REPLACEMENTS_WINDOW);
    }

    public boolean leaveGroupOnShutdown() {
        return getBoolean(SHUTDOWN_LEAVE_GROUP);
    }
}
