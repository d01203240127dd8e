package io.customerinsight.customer;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Customers ordered by the time they are next due for scoring, held in memory: one entry per customer,
 * mirroring {@code CustomerState.dueAt}. It is not a state store: it is rebuilt from the customer store
 * when a task's processor starts (Kafka Streams initializes processors after restoring their stores), so
 * keeping it costs neither RocksDB writes nor changelog records, and it has no tombstones to skip.
 */
final class DueQueue {
    record Due(long dueAt, String customerId) {
    }

    /**
     * Customers by due time. Sweeps give many customers the same due time (scored together, due again
     * together), so a set per time makes moving an entry a hash operation, where one ordered set of
     * (time, id) pairs compared ids through every level of the tree.
     */
    private final TreeMap<Long, Set<String>> byTime = new TreeMap<>();
    private int size;

    /** Moves the customer's entry from {@code previous} (or none: {@code Long.MIN_VALUE}) to {@code next}. */
    void schedule(String customerId, long previous, long next) {
        if (previous == next) {
            return;
        }
        remove(customerId, previous);
        if (byTime.computeIfAbsent(next, t -> new LinkedHashSet<>(4)).add(customerId)) {
            size++;
        }
    }

    void remove(String customerId, long due) {
        if (due == Long.MIN_VALUE) {
            return;
        }
        Set<String> customers = byTime.get(due);
        if (customers != null && customers.remove(customerId)) {
            size--;
            if (customers.isEmpty()) {
                byTime.remove(due);
            }
        }
    }

    /** The entries due at or before {@code now}, oldest first, at most {@code limit}. */
    List<Due> dueBy(long now, int limit) {
        List<Due> due = new ArrayList<>();
        for (Map.Entry<Long, Set<String>> time : byTime.headMap(now, true).entrySet()) {
            for (String customerId : time.getValue()) {
                if (due.size() >= limit) {
                    return due;
                }
                due.add(new Due(time.getKey(), customerId));
            }
        }
        return due;
    }

    /** Whether any entry is due at or before {@code now}. */
    boolean hasDueBy(long now) {
        return !byTime.isEmpty() && byTime.firstKey() <= now;
    }

    int size() {
        return size;
    }

    void clear() {
        byTime.clear();
        size = 0;
    }
}
