package io.customerinsight.customer;

import io.customerinsight.config.InsightConfig;
import io.customerinsight.events.ClickEvent;
import io.customerinsight.features.CustomerActivity;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.customerinsight.testing.Events.DAY;
import static io.customerinsight.testing.Events.HOUR;
import static io.customerinsight.testing.Events.MINUTE;
import static io.customerinsight.testing.Events.T0;
import static org.assertj.core.api.Assertions.assertThat;

class ScoringSchedulerTest {
    private static final ScoringScheduler.Forgotten NOT_EXPECTED = (id, at) -> {
        throw new AssertionError("no customer should be deleted here: " + id);
    };

    private final KeyValueStore<String, CustomerState> store = Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore("scheduler-test"), Serdes.String(), CustomerState.SERDE)
            .withLoggingDisabled().build();

    ScoringSchedulerTest() {
        store.init(new MockProcessorContext<>().getStateStoreContext(), store);
    }

    /** A one-minute rescoring interval here. */
    private static ScoringScheduler scheduler(Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(Map.of(InsightConfig.RESCORE_MIN_INTERVAL, "1m"));
        all.putAll(settings);
        return new ScoringScheduler(InsightConfig.of(all));
    }

    private CustomerState seen(String id, long at) {
        CustomerState state = new CustomerState(new CustomerActivity());
        state.activity.apply(new ClickEvent("e" + at, id, "page_view", at, "s", null, null, null, null, null));
        state.dirty = true;
        store.put(id, state);
        return state;
    }

    /** As the processor does: schedule, then store the state. */
    private void activity(ScoringScheduler scheduler, String id, CustomerState state, boolean urgent, long at) {
        scheduler.onActivity(id, state, urgent, at, at);
        store.put(id, state);
    }

    private void snapshotAt(ScoringScheduler scheduler, String id, CustomerState state, long at) {
        state.snapshotAt = at;
        state.dirty = false;
        scheduler.snapshotted(id, state);
        store.put(id, state);
    }

    @Test
    void aNewCustomerIsDueAtItsEventAndOrdinaryActivityAtMostOncePerInterval() {
        ScoringScheduler scheduler = scheduler(Map.of());
        CustomerState c1 = seen("c1", T0);
        activity(scheduler, "c1", c1, false, T0);
        assertThat(c1.dueAt).isEqualTo(T0); // the snapshot holds the event itself
        assertThat(scheduler.takeDue(T0, store, NOT_EXPECTED)).extracting(ScoringScheduler.Due::customerId).containsExactly("c1");
        snapshotAt(scheduler, "c1", c1, T0);
        assertThat(c1.dueAt).isEqualTo(T0 + DAY); // quiet: the inactivity rescoring

        c1.dirty = true;
        activity(scheduler, "c1", c1, false, T0 + 10_000);
        assertThat(c1.dueAt).isEqualTo(T0 + MINUTE); // the minimum interval after the last snapshot
        assertThat(scheduler.takeDue(T0 + 30_000, store, NOT_EXPECTED)).isEmpty();
        assertThat(scheduler.anyDueBy(T0 + MINUTE - 1)).isFalse();
        assertThat(scheduler.anyDueBy(T0 + MINUTE)).isTrue();
    }

    /** A customer seen once and scored at its event. */
    private CustomerState scoredOnce(ScoringScheduler scheduler, String id, long at) {
        CustomerState state = seen(id, at);
        activity(scheduler, id, state, false, at);
        snapshotAt(scheduler, id, state, at);
        return state;
    }

    /**
     * A silent customer comes back at whole days of silence after its last activity, not after its last
     * scoring, which may have waited for the rescoring interval or for an event that arrived late.
     */
    @Test
    void silenceIsCountedFromTheLastActivityNotFromTheLastScoring() {
        ScoringScheduler scheduler = scheduler(Map.of());
        CustomerState c1 = seen("c1", T0);
        activity(scheduler, "c1", c1, false, T0);
        snapshotAt(scheduler, "c1", c1, T0 + 30_000);
        assertThat(c1.dueAt).isEqualTo(T0 + DAY); // it was a day after the scoring: T0 + DAY + 30 s

        snapshotAt(scheduler, "c1", c1, T0 + DAY);
        assertThat(c1.dueAt).isEqualTo(T0 + 2 * DAY);
    }

    /**
     * An event older than the customer's latest point that arrives while stream time is hours ahead (a record
     * without a key, a batch) makes that point be taken again, as of the same time, not a point at its arrival.
     */
    @Test
    void aLateEventMakesTheCustomersLatestPointBeTakenAgainNotAPointAtItsArrival() {
        ScoringScheduler scheduler = scheduler(Map.of());
        CustomerState c1 = scoredOnce(scheduler, "c1", T0);
        c1.activity.apply(new ClickEvent("late", "c1", "page_view", T0 - HOUR, "s", null, null, null, null, null));
        c1.dirty = true;
        scheduler.onActivity("c1", c1, false, T0 - HOUR, T0 + 3 * HOUR);
        assertThat(c1.dueAt).isEqualTo(T0); // it was T0 + 3 h, the stream time of its arrival

        // when the customer's own later activity has set a point since, that point holds the late event
        CustomerState c2 = scoredOnce(scheduler, "c2", T0);
        c2.activity.apply(new ClickEvent("next", "c2", "page_view", T0 + HOUR, "s", null, null, null, null, null));
        c2.dirty = true;
        scheduler.onActivity("c2", c2, false, T0 + HOUR, T0 + HOUR);
        c2.activity.apply(new ClickEvent("late", "c2", "page_view", T0 - HOUR, "s", null, null, null, null, null));
        scheduler.onActivity("c2", c2, false, T0 - HOUR, T0 + 3 * HOUR);
        assertThat(c2.dueAt).isEqualTo(T0 + HOUR);
    }

    @Test
    void aRiskSignalMakesTheCustomerDueAtOnceAndLaterActivityCannotPostponeIt() {
        ScoringScheduler scheduler = scheduler(Map.of());
        CustomerState c1 = seen("c1", T0);
        activity(scheduler, "c1", c1, false, T0);
        snapshotAt(scheduler, "c1", c1, T0);
        activity(scheduler, "c1", c1, true, T0 + 5_000);
        assertThat(c1.dueAt).isEqualTo(T0 + 5_000);
        activity(scheduler, "c1", c1, false, T0 + 6_000);
        assertThat(c1.dueAt).isEqualTo(T0 + 5_000);
    }

    @Test
    void anOwedProfileBringsTheCustomerBackWhenTheIntervalEnds() {
        ScoringScheduler scheduler = scheduler(Map.of());
        CustomerState c1 = seen("c1", T0);
        c1.profileSlotAt = T0;
        c1.profileOwed = true;
        snapshotAt(scheduler, "c1", c1, T0 + 5_000);
        assertThat(c1.dueAt).isEqualTo(T0 + MINUTE);
    }

    @Test
    void aCustomerSilentLongerThanTheRetentionIsDeletedWhenDueNotScored() {
        ScoringScheduler scheduler = scheduler(Map.of(InsightConfig.RETENTION, "10d"));
        CustomerState old = seen("old", T0);
        activity(scheduler, "old", old, false, T0);
        snapshotAt(scheduler, "old", old, T0 + 10 * DAY); // due again a day later, 11 days after its last event
        CustomerState recent = seen("recent", T0 + 9 * DAY);
        activity(scheduler, "recent", recent, false, T0 + 9 * DAY);
        snapshotAt(scheduler, "recent", recent, T0 + 10 * DAY);

        java.util.List<String> forgotten = new java.util.ArrayList<>();
        assertThat(scheduler.takeDue(T0 + 11 * DAY, store, (id, at) -> forgotten.add(id + "@" + at)))
                .extracting(ScoringScheduler.Due::customerId).containsExactly("recent");
        assertThat(store.get("old")).isNull();
        assertThat(forgotten).containsExactly("old@" + (T0 + 11 * DAY));
    }

    @Test
    void theQueueAndTheCustomersWithSnapshotsWaitingAreRebuiltFromTheStore() {
        ScoringScheduler first = scheduler(Map.of());
        CustomerState c1 = seen("c1", T0);
        activity(first, "c1", c1, false, T0);
        CustomerState c2 = seen("c2", T0);
        c2.pending.add(Snapshot.of(c2.activity, T0, true, null));
        store.put("c2", c2);

        ScoringScheduler second = scheduler(Map.of());
        assertThat(second.anyDueBy(T0)).isFalse();
        List<String> withPending = new ArrayList<>();
        second.rebuild(store, withPending);
        assertThat(withPending).containsExactly("c2");
        assertThat(second.anyDueBy(T0)).isTrue();
        assertThat(second.takeDue(T0, store, NOT_EXPECTED)).hasSize(1);
    }
}
