package io.customerinsight.customer;

import io.customerinsight.config.InsightConfig;
import io.customerinsight.events.ClickEvent;
import io.customerinsight.events.CustomerEvent;
import io.customerinsight.features.FeatureSchema;
import io.customerinsight.ops.InsightMetrics;
import io.customerinsight.scoring.ChurnExplainer;
import io.customerinsight.scoring.ScoringModels;
import io.customerinsight.testing.KeywordSentimentScorer;
import io.customerinsight.testing.RuleBasedChurnScorer;
import io.customerinsight.testing.TopologyHarness;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.customerinsight.testing.Events.HOUR;
import static io.customerinsight.testing.Events.T0;
import static org.assertj.core.api.Assertions.assertThat;

/** The processor on its own, with its punctuators fired by hand. */
class CustomerInsightProcessorTest {
    private final RuleBasedChurnScorer churn = new RuleBasedChurnScorer();
    private final ScoringModels models = new ScoringModels(churn,
            new ChurnExplainer(churn, new float[FeatureSchema.size()]), new KeywordSentimentScorer());
    /**
     * a quiet customer is due 6 h after its last scoring here; a mock context has no commits to hold profiles
     * for, so they go out as they are made
     */
    private final InsightConfig settings = TopologyHarness.config(Map.of(InsightConfig.RESCORE_INACTIVITY, "6h",
            InsightConfig.PROFILE_COALESCE, "false"));
    private final CustomerStage stage = new CustomerStage(settings, models, InsightMetrics.standalone(), null);
    private final KeyValueStore<String, CustomerState> store = new WriteBackStoreBuilder<>(
            Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(CustomerStage.STORE),
                    Serdes.String(), CustomerState.SERDE), settings.cachedCustomers())
            .withLoggingDisabled().build();

    private MockProcessorContext<String, InsightOutput> contextWithStore() {
        var context = new MockProcessorContext<String, InsightOutput>();
        if (!store.isOpen()) {
            store.init(context.getStateStoreContext(), store);
        }
        context.addStateStore(store);
        return context;
    }

    /** A new processor (a start, a restart or a task moved here) on {@code context}, at wall-clock time 0. */
    private Processor<String, CustomerEvent, String, InsightOutput> startedOn(
            MockProcessorContext<String, InsightOutput> context) {
        context.setCurrentSystemTimeMs(0);
        var processor = stage.get();
        processor.init(context);
        return processor;
    }

    private static void fire(MockProcessorContext<?, ?> context, PunctuationType type, long at) {
        context.scheduledPunctuators().stream().filter(p -> p.getType() == type)
                .forEach(p -> p.getPunctuator().punctuate(at));
    }

    @Test
    void dueCustomersOfAStoreAreFoundByAProcessorThatStartsOnIt() {
        var before = contextWithStore();
        var first = startedOn(before);
        before.setCurrentStreamTimeMs(T0);
        first.process(new Record<>("quiet", click("quiet", T0), T0));
        fire(before, PunctuationType.WALL_CLOCK_TIME, 1_000); // a quiet task: the customer due now is scored
        assertThat(churn.calls).containsExactly(1);
        first.close();

        // a restart, or the task moving to this instance: the store is restored, the processor is new
        var after = contextWithStore();
        var second = startedOn(after);
        after.setCurrentStreamTimeMs(T0 + 5 * HOUR);
        fire(after, PunctuationType.WALL_CLOCK_TIME, 1_000);
        assertThat(churn.calls).containsExactly(1); // not due yet: 6 h of silence rescore a quiet customer

        after.setCurrentStreamTimeMs(T0 + 7 * HOUR);
        fire(after, PunctuationType.WALL_CLOCK_TIME, 2_000);
        assertThat(churn.calls).containsExactly(1, 1);
        // scored as of its point in event time, not as of the stream time the wall clock found
        assertThat(store.get("quiet").lastScoredAt).isEqualTo(T0 + 6 * HOUR);
    }

    @Test
    void snapshotsWaitForAFullBatchOrTheWallClockAndSurviveARestart() {
        var context = contextWithStore();
        var processor = startedOn(context);
        for (long t = T0; t < T0 + 3 * HOUR; t += HOUR) {
            context.setCurrentStreamTimeMs(t);
            processor.process(new Record<>("c" + t, click("c" + t, t), t));
        }
        // the first two customers' points were passed by later records: snapshots taken, not yet scored
        assertThat(churn.calls).isEmpty();
        assertThat(store.get("c" + T0).pending).hasSize(1);
        processor.close();

        var after = contextWithStore();
        var restarted = startedOn(after);
        after.setCurrentStreamTimeMs(T0 + 2 * HOUR);
        fire(after, PunctuationType.WALL_CLOCK_TIME, 50); // records came within the interval: only what waits
        assertThat(churn.calls).containsExactly(2);
        assertThat(store.get("c" + T0).pending).isEmpty();
        assertThat(store.get("c" + T0).lastScoredAt).isEqualTo(T0);
    }

    @Test
    void aSnapshotAtACustomersOrdinaryEventHoldsAVisitsStartAndOneAtARiskSignalDoesNot() {
        var context = contextWithStore();
        var processor = startedOn(context);
        context.setCurrentStreamTimeMs(T0);
        processor.process(new Record<>("browses", click("browses", T0), T0));
        processor.process(new Record<>("complains", new ClickEvent("s", "complains", "support_contact", T0, "s-c",
                null, null, null, null, null), T0));
        processor.process(new Record<>("complains", click("complains", T0), T0)); // a view in the same instant
        // the next record passes their points: each snapshot holds what happened at T0, nothing after
        context.setCurrentStreamTimeMs(T0 + 1);
        processor.process(new Record<>("other", click("other", T0 + 1), T0 + 1));
        assertThat(store.get("browses").pending).singleElement().extracting(Snapshot::visitStart).isEqualTo(true);
        assertThat(store.get("complains").pending).singleElement().extracting(Snapshot::visitStart)
                .as("a risk signal alerts at once").isEqualTo(false);
    }

    private static CustomerEvent click(String customer, long at) {
        return new ClickEvent("e-" + customer + at, customer, "page_view", at, "s-" + customer + at, null, null, null,
                null, null);
    }
}
