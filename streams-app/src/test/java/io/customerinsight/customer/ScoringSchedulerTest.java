package io.customerinsight.customer;

import io.customerinsight.config.InsightConfig;
import io.customerinsight.events.ClickEvent;
import io.customerinsight.features.CustomerActivity;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.customerinsight.testing.Events.DAY;
import static io.customerinsight.testing.Events.HOUR;
import static io.customerinsight.testing.Events.MINUTE;
import static io.customerinsight.testing.Events.T0;
import static org.assertj.core.api.Assertions.assertThat;

class ScoringSchedulerTest {
    private final KeyValueStore<String, CustomerState> store = Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore("scheduler-test"), Serdes.String(), CustomerState.SERDE)
            .withLoggingDisabled().build();

    ScoringSchedulerTest() {
        store.init(new MockProcessorContext<>().getStateStoreContext(), store);
    }

    private static ScoringScheduler scheduler(Map<String, String> settings) {
        return new ScoringScheduler(InsightConfig.of(settings));
    }

    private CustomerState seen(String id, long at) {
        CustomerState state = new CustomerState(new CustomerActivity());
        state.activity.apply(new ClickEvent("e" + at, id, "page_view", at, "s", null, null, null, null, null));
        state.dirty = true;
        store.put(id, state);
        return state;
    }

    /** As the processor does: schedule, then store the state. */
    private boolean activity(ScoringScheduler scheduler, String id, CustomerState state, boolean urgent, long at) {
        boolean sweep = scheduler.onActivity(id, state, urgent, at);
        store.put(id, state);
        return sweep;
    }

    private void scoredAt(ScoringScheduler scheduler, String id, CustomerState state, long at) {
        state.lastScoredAt = at;
        state.dirty = false;
        scheduler.scored(id, state);
        store.put(id, state);
    }

    @Test
    void aNewCustomerIsDueAtOnceAndOrdinaryActivityAtMostOncePerInterval() {
        ScoringScheduler scheduler = scheduler(Map.of());
        CustomerState c1 = seen("c1", T0);
        activity(scheduler, "c1", c1, false, T0);
        assertThat(c1.dueAt).isEqualTo(T0);
        assertThat(scheduler.takeDue(T0, store)).extracting(ScoringScheduler.Due::customerId).containsExactly("c1");
        scoredAt(scheduler, "c1", c1, T0);
        assertThat(c1.dueAt).isEqualTo(T0 + DAY); // quiet: the inactivity rescoring

        c1.dirty = true;
        activity(scheduler, "c1", c1, false, T0 + 10_000);
        assertThat(c1.dueAt).isEqualTo(T0 + MINUTE); // the minimum interval after the last scoring
        assertThat(scheduler.takeDue(T0 + 30_000, store)).isEmpty();
    }

    @Test
    void aRiskSignalMakesTheCustomerDueAtOnceAndLaterActivityCannotPostponeIt() {
        ScoringScheduler scheduler = scheduler(Map.of());
        CustomerState c1 = seen("c1", T0);
        activity(scheduler, "c1", c1, false, T0);
        scoredAt(scheduler, "c1", c1, T0);
        activity(scheduler, "c1", c1, true, T0 + 5_000);
        assertThat(c1.dueAt).isEqualTo(T0 + 5_000);
        activity(scheduler, "c1", c1, false, T0 + 6_000);
        assertThat(c1.dueAt).isEqualTo(T0 + 5_000);
    }

    @Test
    void aFullBatchOrAnEntryPastTheMaximumLagAsksForASweep() {
        ScoringScheduler scheduler = scheduler(Map.of(InsightConfig.SCORING_BATCH, "3"));
        assertThat(activity(scheduler, "a", seen("a", T0), false, T0)).isFalse();
        assertThat(activity(scheduler, "b", seen("b", T0), false, T0)).isFalse();
        assertThat(activity(scheduler, "c", seen("c", T0), false, T0)).isTrue();
        assertThat(scheduler.takeDue(T0, store)).hasSize(3);

    }

    @Test
    void streamTimeRunningPastTheMaximumLagOfADueCustomerAsksForASweep() {
        ScoringScheduler scheduler = scheduler(Map.of(InsightConfig.SCORING_BATCH, "100"));
        CustomerState quiet = seen("quiet", T0);
        activity(scheduler, "quiet", quiet, false, T0);
        scoredAt(scheduler, "quiet", quiet, T0); // due again a day later
        assertThat(activity(scheduler, "busy", seen("busy", T0 + DAY + 6 * HOUR - 1), false, T0 + DAY + 6 * HOUR - 1))
                .isFalse();
        assertThat(activity(scheduler, "busy", store.get("busy"), false, T0 + DAY + 6 * HOUR)).isTrue();
    }

    @Test
    void aCustomerSilentLongerThanTheRetentionIsDeletedWhenDueNotScored() {
        ScoringScheduler scheduler = scheduler(Map.of(InsightConfig.RETENTION, "10d"));
        CustomerState old = seen("old", T0);
        activity(scheduler, "old", old, false, T0);
        scoredAt(scheduler, "old", old, T0);
        CustomerState recent = seen("recent", T0 + 9 * DAY);
        activity(scheduler, "recent", recent, false, T0 + 9 * DAY);
        scoredAt(scheduler, "recent", recent, T0 + 10 * DAY);

        assertThat(scheduler.takeDue(T0 + 11 * DAY, store)).extracting(ScoringScheduler.Due::customerId)
                .containsExactly("recent");
        assertThat(store.get("old")).isNull();
    }

    @Test
    void theQueueIsRebuiltFromTheStore() {
        ScoringScheduler first = scheduler(Map.of());
        CustomerState c1 = seen("c1", T0);
        activity(first, "c1", c1, false, T0);

        ScoringScheduler second = scheduler(Map.of());
        assertThat(second.anyDue(T0)).isFalse();
        second.rebuild(store);
        assertThat(second.anyDue(T0)).isTrue();
        assertThat(second.takeDue(T0, store)).hasSize(1);
    }
}
