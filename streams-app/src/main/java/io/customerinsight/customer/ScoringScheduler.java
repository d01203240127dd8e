package io.customerinsight.customer;

import io.customerinsight.config.InsightConfig;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.util.ArrayList;
import java.util.List;

/**
 * When customers are scored: activity and risk signals make a customer due, silence brings it back after
 * the inactivity interval, and three triggers start a sweep of the due (a full batch, the wall clock, or
 * stream time running past the maximum lag). Customers silent for longer than the retention are deleted
 * when they come due. The {@link DueQueue} mirrors each state's {@code dueAt}; the store is the truth.
 */
final class ScoringScheduler {
    /** A customer taken from the queue to be scored now, with its live state. */
    record Due(String customerId, CustomerState state) {
    }

    private final DueQueue due = new DueQueue();
    private final long minRescoreInterval;
    private final long inactivityRescore;
    private final int scoringBatch;
    private final long scoringMaxLag;
    private final int maxPerSweep;
    private final long retention;
    /** customers made due by activity since the last sweep */
    private int waiting;

    ScoringScheduler(InsightConfig config) {
        this.minRescoreInterval = config.minRescoreInterval().toMillis();
        this.inactivityRescore = config.inactivityRescore().toMillis();
        this.scoringBatch = config.scoringBatch();
        this.scoringMaxLag = config.scoringMaxLag().toMillis();
        this.maxPerSweep = config.maxPerSweep();
        this.retention = config.retention().toMillis();
    }

    /** Rebuilds the queue from the store: Kafka Streams initializes processors after restoring their stores. */
    void rebuild(KeyValueStore<String, CustomerState> customers) {
        due.clear();
        waiting = 0;
        try (KeyValueIterator<String, CustomerState> all = customers.all()) {
            all.forEachRemaining(kv -> due.schedule(kv.key, Long.MIN_VALUE, kv.value.dueAt));
        }
    }

    void clear() {
        due.clear();
    }

    /**
     * Schedules a customer whose state an event just changed (the state is marked dirty by the caller).
     * Activity only ever brings scoring forward: a risk signal's urgency cannot be postponed by later events.
     *
     * @return whether a sweep should run now (a full batch waits, or a due customer is past the maximum lag)
     */
    boolean onActivity(String customerId, CustomerState state, boolean urgent, long streamTime) {
        boolean scoreNow = urgent || state.lastScoredAt == Long.MIN_VALUE
                || streamTime - state.lastScoredAt >= minRescoreInterval;
        long next = scoreNow ? streamTime : nextDue(state);
        if (state.dueAt == Long.MIN_VALUE || next < state.dueAt) {
            due.schedule(customerId, state.dueAt, next);
            state.dueAt = next;
        }
        return (scoreNow && ++waiting >= scoringBatch) || due.hasDueBy(streamTime - scoringMaxLag);
    }

    /** Whether a wall-clock punctuation at stream time {@code now} has anybody to score. */
    boolean anyDue(long now) {
        return waiting > 0 || due.hasDueBy(now);
    }

    /**
     * Takes the customers due by {@code now} (at most the per-sweep limit) for one batched scoring, deleting
     * those silent for longer than the retention and repairing stale queue entries on the way.
     */
    List<Due> takeDue(long now, KeyValueStore<String, CustomerState> customers) {
        waiting = 0;
        List<Due> out = new ArrayList<>();
        for (DueQueue.Due d : due.dueBy(now, maxPerSweep)) {
            CustomerState state = customers.get(d.customerId());
            if (state == null || state.dueAt != d.dueAt()) {
                // a stale entry (an update that failed half-way, after the queue moved but before the store
                // did): the store is the truth, so the entry goes back to the stored due time
                due.remove(d.customerId(), d.dueAt());
                if (state != null) {
                    due.schedule(d.customerId(), Long.MIN_VALUE, state.dueAt);
                }
                continue;
            }
            if (now - state.activity.lastActivity() > retention) {
                due.remove(d.customerId(), d.dueAt());
                customers.delete(d.customerId());
                continue;
            }
            out.add(new Due(d.customerId(), state));
        }
        return out;
    }

    /** Schedules a customer that was just scored for its next due time. */
    void scored(String customerId, CustomerState state) {
        long next = nextDue(state);
        due.schedule(customerId, state.dueAt, next);
        state.dueAt = next;
    }

    /** A customer whose scoring failed comes back after the minimum interval of event time, not at once. */
    void retryLater(String customerId, CustomerState state, long now) {
        long next = now + minRescoreInterval;
        due.schedule(customerId, state.dueAt, next);
        state.dueAt = next;
    }

    private long nextDue(CustomerState state) {
        long next = state.lastScoredAt + inactivityRescore;
        if (state.dirty) {
            next = Math.min(next, state.lastScoredAt + minRescoreInterval);
        }
        if (state.profilePending) {
            next = Math.min(next, state.lastProfileAt + minRescoreInterval);
        }
        return next;
    }
}
