package io.customerinsight.customer;

import io.customerinsight.config.InsightConfig;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.util.ArrayList;
import java.util.List;

/**
 * When customers are scored, in event time: activity and risk signals set a customer's next scoring point,
 * silence brings it back after the inactivity interval, and a customer whose point stream time has passed
 * is taken for a snapshot. Every point is a function of the customer's events, never of the wall clock or
 * of batching. Customers silent for longer than the retention are deleted when they come due. The
 * {@link DueQueue} mirrors each state's {@code dueAt}; the store is the truth.
 */
final class ScoringScheduler {
    /** A customer taken from the queue for a snapshot, with its live state. */
    record Due(String customerId, CustomerState state) {
    }

    /** Told of a customer whose state was just deleted, silent for longer than the retention. */
    interface Forgotten {
        void deleted(String customerId, long at);
    }

    private final DueQueue due = new DueQueue();
    private final long minRescoreInterval;
    private final long inactivityRescore;
    private final long retention;

    ScoringScheduler(InsightConfig config) {
        this.minRescoreInterval = config.minRescoreInterval().toMillis();
        this.inactivityRescore = config.inactivityRescore().toMillis();
        this.retention = config.retention().toMillis();
    }

    /** Rebuilds the queue from the store: Kafka Streams initializes processors after restoring their stores. */
    void rebuild(KeyValueStore<String, CustomerState> customers, List<String> withPending) {
        due.clear();
        try (KeyValueIterator<String, CustomerState> all = customers.all()) {
            all.forEachRemaining(kv -> {
                due.schedule(kv.key, Long.MIN_VALUE, kv.value.dueAt);
                if (!kv.value.pending.isEmpty()) {
                    withPending.add(kv.key);
                }
            });
        }
    }

    void clear() {
        due.clear();
    }

    /**
     * Schedules a customer whose state an event just changed (the caller marks it dirty). The first event, a
     * risk signal or activity after the minimum interval sets the point at {@code pointTime}, so that the
     * snapshot holds this event; other activity waits for the interval. Activity only ever brings the point
     * forward: a risk signal's urgency cannot be postponed by later events.
     *
     * @param eventTime the event's own time
     * @param pointTime where a point this event sets goes: the stream time of a record read in its partition's
     *                  order (a function of that order), the customer's latest activity for one whose order
     *                  is not its partition's (a record that came through the repartition topic, in a fast
     *                  backlog hours or days of event time after its neighbours: its point, taken at once,
     *                  is the one it would have had in time)
     */
    void onActivity(String customerId, CustomerState state, boolean urgent, long eventTime, long pointTime) {
        long next;
        if (eventTime < state.snapshotAt) {
            // an event from before the customer's latest point, arrived late (a record without a key, a batch):
            // the point it belongs to is taken again with it, as of the same time, so that the customer's points
            // stay a function of its events and not of when this one arrived (in the past of stream time, it is
            // taken at once); if later events came since, the point they set holds it
            if (state.activity.lastActivity() > state.snapshotAt) {
                return;
            }
            next = state.snapshotAt;
        } else {
            boolean scoreNow = urgent || state.snapshotAt == Long.MIN_VALUE
                    || pointTime - state.snapshotAt >= minRescoreInterval;
            next = scoreNow ? pointTime : Math.max(nextDue(state), pointTime);
        }
        if (state.dueAt == Long.MIN_VALUE || next < state.dueAt) {
            due.schedule(customerId, state.dueAt, next);
            state.dueAt = next;
        }
    }

    /** Whether any customer's scoring point is at or before {@code time}. */
    boolean anyDueBy(long time) {
        return due.hasDueBy(time);
    }

    /**
     * Takes the customers whose point is at or before {@code time}, deleting those silent for longer than the
     * retention (the caller is told of each) and repairing stale queue entries on the way.
     */
    List<Due> takeDue(long time, KeyValueStore<String, CustomerState> customers, Forgotten forgotten) {
        List<Due> out = new ArrayList<>();
        for (DueQueue.Due d : due.dueBy(time, Integer.MAX_VALUE)) {
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
            if (d.dueAt() - state.activity.lastActivity() > retention && state.pending.isEmpty()) {
                due.remove(d.customerId(), d.dueAt());
                customers.delete(d.customerId());
                forgotten.deleted(d.customerId(), d.dueAt());
                continue;
            }
            out.add(new Due(d.customerId(), state));
        }
        return out;
    }

    /** Schedules a customer whose snapshot was just taken (as of {@code state.snapshotAt}) for its next point. */
    void snapshotted(String customerId, CustomerState state) {
        long next = nextDue(state);
        due.schedule(customerId, state.dueAt, next);
        state.dueAt = next;
    }

    /** A customer erased on request leaves the queue. */
    void erased(String customerId, CustomerState state) {
        due.remove(customerId, state.dueAt);
    }

    /** A customer whose scoring failed comes back after the minimum interval of event time, not at once. */
    void retryLater(String customerId, CustomerState state, long streamTime) {
        long next = streamTime + minRescoreInterval;
        due.schedule(customerId, state.dueAt, next);
        state.dueAt = next;
    }

    private long nextDue(CustomerState state) {
        long next = nextQuietPoint(state);
        if (state.dirty) {
            next = Math.min(next, state.snapshotAt + minRescoreInterval);
        }
        if (state.profileOwed) {
            next = Math.min(next, state.profileSlotAt + minRescoreInterval);
        }
        return next;
    }

    /**
     * The next of the days of silence after the customer's last activity, counted from that activity: the
     * points a silent customer comes back at are then a function of its events alone, whatever order they
     * arrived in and whenever the scorings before them ran.
     */
    private long nextQuietPoint(CustomerState state) {
        long last = state.activity.lastActivity();
        if (last == Long.MIN_VALUE) {
            return state.snapshotAt + inactivityRescore;
        }
        if (last >= state.snapshotAt) {
            return last + inactivityRescore;
        }
        return last + (Math.floorDiv(state.snapshotAt - last, inactivityRescore) + 1) * inactivityRescore;
    }

    long minRescoreInterval() {
        return minRescoreInterval;
    }
}
