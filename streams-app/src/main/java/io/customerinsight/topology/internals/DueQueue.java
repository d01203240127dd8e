package io.customerinsight.topology.internals;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * Customers ordered by the time they are next due for scoring, held in memory: one entry per customer,
 * mirroring {@code CustomerState.dueAt}. It is not a state store: it is rebuilt from the customer store
 * when a task's processor starts (Kafka Streams initializes processors after restoring their stores), so
 * keeping it costs neither RocksDB writes nor changelog records, and it has no tombstones to skip.
 */
final class DueQueue {
    record Due(long dueAt, String customerId) {
    }

    private static final Comparator<Due> ORDER = (a, b) -> a.dueAt != b.dueAt
            ? Long.compare(a.dueAt, b.dueAt) : a.customerId.compareTo(b.customerId);

    private final TreeSet<Due> entries = new TreeSet<>(ORDER);

    /** Moves the customer's entry from {@code previous} (or none: {@code Long.MIN_VALUE}) to {@code next}. */
    void schedule(String customerId, long previous, long next) {
        if (previous == next) {
            return;
        }
        remove(customerId, previous);
        entries.add(new Due(next, customerId));
    }

    void remove(String customerId, long due) {
        if (due != Long.MIN_VALUE) {
            entries.remove(new Due(due, customerId));
        }
    }

    /** The entries due at or before {@code now}, oldest first, at most {@code limit}. */
    List<Due> dueBy(long now, int limit) {
        List<Due> due = new ArrayList<>();
        for (Due d : entries) {
            if (d.dueAt() > now || due.size() >= limit) {
                break;
            }
            due.add(d);
        }
        return due;
    }

    int size() {
        return entries.size();
    }

    void clear() {
        entries.clear();
    }
}
