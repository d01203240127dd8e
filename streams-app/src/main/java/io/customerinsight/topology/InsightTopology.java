package io.customerinsight.topology;

import io.customerinsight.config.InsightConfig;
import io.customerinsight.config.TopicRole;
import io.customerinsight.customer.CustomerStage;
import io.customerinsight.customer.InsightOutput;
import io.customerinsight.events.ClickEvent;
import io.customerinsight.events.CustomerErasure;
import io.customerinsight.events.CustomerEvent;
import io.customerinsight.events.EventParser;
import io.customerinsight.events.EventType;
import io.customerinsight.events.FeedbackEvent;
import io.customerinsight.lifecycle.LiveModels;
import io.customerinsight.ops.InsightMetrics;
import io.customerinsight.scoring.EncoderChannels;
import io.customerinsight.scoring.ScoringModels;
import io.customerinsight.topology.internals.FeedbackScoringProcessor;
import io.customerinsight.topology.internals.IntakeCheck;
import io.customerinsight.topology.internals.RekeyedInput;
import io.customerinsight.topology.internals.UnknownTypeLog;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;

import java.util.Objects;
import java.util.function.Function;

/**
 * The pipeline as a Kafka Streams topology:
 * <pre>
 *  clickstream ─ validate ─┬─ keyed by customer (and erasures: tombstones) ──────┐
 *                          └─ re-key ─┐                                           │
 *                                     ├─ input-rekeyed ─┬─ clicks ────────────────┤
 *  feedback ─── validate ─┬─ re-key ──┘                 └─ feedback ─┐            │
 *                          └─ keyed by customer ─────────────────────┴─ sentiment ┴─ customer processor ─┬─ churn-alerts
 *                                                      (customer store, due queue, snapshots)            ├─ customer-profiles
 *                                                                                                        ├─ feedback-scored
 *                                                                     (a challenger's scorings in shadow) ├─ churn-shadow
 *                                                  (whether each alert came true, in event time)         └─ churn-alert-outcomes
 *  invalid records (contract violations, late events, processing errors) ─ insight-dlq (exception handlers)
 * </pre>
 * Topic names come from {@link InsightConfig} by {@link TopicRole}; nothing here is hard-coded.
 */
public final class InsightTopology {
    private InsightTopology() {
    }

    /** The topology with models that never change (tests, tools). */
    public static Topology build(InsightConfig config, ScoringModels models, EventParser parser,
                                 InsightMetrics metrics) {
        return build(config, LiveModels.of(models), parser, metrics);
    }

    /** @param models the live generation of models, which hot reload may replace while the topology runs */
    public static Topology build(InsightConfig config, LiveModels models, EventParser parser,
                                 InsightMetrics metrics) {
        return build(config, models, new CustomerStage(config, models, metrics), parser, metrics);
    }

    /** @param stage the per-customer stage, built once: its profile reader answers live queries on the same store */
    public static Topology build(InsightConfig config, LiveModels models, CustomerStage stage, EventParser parser,
                                 InsightMetrics metrics) {
        StreamsBuilder builder = new StreamsBuilder();
        TopicBindings topics = new TopicBindings(config, parser);
        String clickstream = topics.clickstream.name();
        String feedback = topics.feedback.name();
        UnknownTypeLog unknownTypes = new UnknownTypeLog();
        EncoderChannels encoderChannels = encoderChannels(config);

        // each event is counted at intake; a click goes on as a customer event, through as few nodes as
        // possible: validate, split by key, merge, the customer processor
        var clickKeys = byKey(builder.stream(clickstream, topics.clickstream.consumed())
                .processValues(() -> new IntakeCheck<CustomerEvent, ClickEvent>(config.grace(), ClickEvent::timestamp,
                        e -> {
                            EventType type = e.eventType();
                            metrics.eventConsumed(clickstream, type.wireName());
                            if (type == EventType.UNKNOWN) {
                                unknownTypes.seen(clickstream, e.type());
                            }
                        }, CustomerErasure::new),
                        Named.as("clickstream-validate")), CustomerEvent::customerId, "clickstream");
        var feedbackKeys = byKey(builder.stream(feedback, topics.feedback.consumed())
                .processValues(() -> new IntakeCheck<FeedbackEvent, FeedbackEvent>(config.grace(),
                        FeedbackEvent::timestamp, f -> metrics.eventConsumed(feedback, f.channel())),
                        Named.as("feedback-validate")), FeedbackEvent::customerId, "feedback");

        // records keyed by anything but their customer id reach the customer's task through one repartition topic
        var rekeyed = clickKeys.wrong()
                .mapValues(e -> RekeyedInput.of((ClickEvent) e), Named.as("clickstream-to-rekey"))
                .merge(feedbackKeys.wrong().mapValues(RekeyedInput::of, Named.as("feedback-to-rekey")),
                        Named.as("merge-to-rekey"))
                .selectKey((k, v) -> v.customerId(), Named.as("rekey"))
                .repartition(Repartitioned.with(Serdes.String(), RekeyedInput.serde(parser))
                        .withName(CustomerStage.REKEYED))
                .split(Named.as("rekeyed-"))
                .branch((k, v) -> v.isClick(), Branched.as("clicks"))
                .defaultBranch(Branched.as("feedback"));

        KStream<String, CustomerEvent> scoredFeedback = feedbackKeys.ok()
                .merge(rekeyed.get("rekeyed-feedback").mapValues(RekeyedInput::feedback,
                        Named.as("rekeyed-feedback-message")), Named.as("feedback-keyed"))
                .processValues(() -> new FeedbackScoringProcessor(models, metrics,
                        config.maxTextChars(), encoderChannels), Named.as("score-sentiment"));

        KStream<String, CustomerEvent> customerEvents = clickKeys.ok()
                .merge(rekeyed.get("rekeyed-clicks")
                                .mapValues(r -> (CustomerEvent) r.click(), Named.as("rekeyed-click"))
                                .merge(scoredFeedback, Named.as("rekeyed-clicks-and-feedback")),
                        Named.as("merge-customer-events"));

        KStream<String, InsightOutput> outputs = customerEvents.process(stage, Named.as(CustomerStage.PROCESSOR));

        outputs.split(Named.as("output-"))
                .branch((k, v) -> v instanceof InsightOutput.Alert, Branched.withConsumer(s -> s
                        .mapValues(v -> ((InsightOutput.Alert) v).alert(), Named.as("to-alert"))
                        .to(topics.churnAlerts.name(), topics.churnAlerts.produced("churn-alerts-sink")), "alerts"))
                .branch((k, v) -> v instanceof InsightOutput.Profile, Branched.withConsumer(s -> s
                        .mapValues(v -> ((InsightOutput.Profile) v).profile(), Named.as("to-profile"))
                        .to(topics.customerProfiles.name(), topics.customerProfiles.produced("customer-profiles-sink")),
                        "profiles"))
                .branch((k, v) -> v instanceof InsightOutput.Feedback, Branched.withConsumer(s -> s
                        .mapValues(v -> ((InsightOutput.Feedback) v).feedback(), Named.as("to-scored-feedback"))
                        .to(topics.feedbackScored.name(), topics.feedbackScored.produced("feedback-scored-sink")),
                        "feedback"))
                .branch((k, v) -> v instanceof InsightOutput.Failure, Branched.withConsumer(s -> s
                        .mapValues(v -> ((InsightOutput.Failure) v).failure(), Named.as("to-scoring-failure"))
                        .to(topics.deadLetter.name(), topics.deadLetter.produced("scoring-failures-sink")),
                        "failures"))
                .branch((k, v) -> v instanceof InsightOutput.Shadow, Branched.withConsumer(s -> s
                        .mapValues(v -> ((InsightOutput.Shadow) v).score(), Named.as("to-shadow-score"))
                        .to(topics.churnShadow.name(), topics.churnShadow.produced("churn-shadow-sink")),
                        "shadow"))
                .branch((k, v) -> v instanceof InsightOutput.Outcome, Branched.withConsumer(s -> s
                        .mapValues(v -> ((InsightOutput.Outcome) v).outcome(), Named.as("to-alert-outcome"))
                        .to(topics.alertOutcomes.name(), topics.alertOutcomes.produced("alert-outcomes-sink")),
                        "outcomes"));
        return builder.build();
    }

    private static EncoderChannels encoderChannels(InsightConfig config) {
        try {
            return EncoderChannels.parse(config.sentimentEncoderChannels());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(InsightConfig.SENTIMENT_ENCODER_CHANNELS, config.sentimentEncoderChannels(),
                    e.getMessage());
        }
    }

    /** An input split into the records keyed by their customer id and the others (a null or other key). */
    private record ByKey<V>(KStream<String, V> ok, KStream<String, V> wrong) {
    }

    private static <V> ByKey<V> byKey(KStream<String, V> stream, Function<V, String> customerId, String name) {
        var branches = stream.split(Named.as(name + "-key-"))
                .branch((k, v) -> Objects.equals(k, customerId.apply(v)), Branched.as("ok"))
                .defaultBranch(Branched.as("wrong"));
        return new ByKey<>(branches.get(name + "-key-ok"), branches.get(name + "-key-wrong"));
    }
}
