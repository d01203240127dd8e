package io.customerinsight.customer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Customers ordered by the time they are next due for scoring, held in memory: one entry per customer,
 * mirroring {@code CustomerState.dueAt}. It is not a state store: it is rebuilt from the customer store
 * when a task's processor starts (Kafka Streams initializes processors after restoring their stores), so
 * keeping it costs neither RocksDB writes nor changelog records, and it has no tombstones to skip.
 *
 * <p>A binary min-heap over (due time, order of scheduling) with each customer's position kept in its entry:
 * moving a customer is one hash lookup and a sift along an array, where an ordered map of due times compared
 * boxed times through every level of a tree on every event. Customers due at the same time come out in the
 * order they were scheduled.
 */
final class DueQueue {
    record Due(long dueAt, String customerId) {
    }

    private static final Comparator<Entry> ORDER = Comparator.<Entry>comparingLong(e -> e.dueAt)
            .thenComparingLong(e -> e.seq);

    private static final class Entry {
        final String customerId;
        long dueAt;
        long seq;
        int index;

        Entry(String customerId) {
            this.customerId = customerId;
        }
    }

    private final Map<String, Entry> byCustomer = new HashMap<>();
    private Entry[] heap = new Entry[64];
    private int size;
    private long nextSeq;

    /** Moves the customer's entry (from {@code previous}, or none: {@code Long.MIN_VALUE}) to {@code next}. */
    void schedule(String customerId, long previous, long next) {
        if (previous == next) {
            return;
        }
        Entry entry = byCustomer.get(customerId);
        if (entry == null) {
            entry = new Entry(customerId);
            byCustomer.put(customerId, entry);
            if (size == heap.length) {
                heap = Arrays.copyOf(heap, size * 2);
            }
            entry.index = size;
            heap[size++] = entry;
        }
        long before = entry.dueAt;
        entry.dueAt = next;
        entry.seq = nextSeq++;
        if (entry.index == size - 1 || next < before) {
            siftUp(entry.index);
        } else {
            siftDown(entry.index);
        }
    }

    /** Removes the customer's entry if it is due at {@code due}. */
    void remove(String customerId, long due) {
        Entry entry = byCustomer.get(customerId);
        if (entry == null || entry.dueAt != due) {
            return;
        }
        byCustomer.remove(customerId);
        int at = entry.index;
        Entry last = heap[--size];
        heap[size] = null;
        if (at < size) {
            place(last, at);
            siftDown(at);
            siftUp(last.index);
        }
    }

    /** The entries due at or before {@code now}, oldest first, at most {@code limit}. */
    List<Due> dueBy(long now, int limit) {
        List<Entry> due = new ArrayList<>();
        collect(0, now, due);
        due.sort(ORDER);
        List<Due> out = new ArrayList<>(Math.min(limit, due.size()));
        for (int i = 0; i < due.size() && i < limit; i++) {
            out.add(new Due(due.get(i).dueAt, due.get(i).customerId));
        }
        return out;
    }

    /** Every entry of the subtree at {@code i} due by {@code now}: a child is never due before its parent. */
    private void collect(int i, long now, List<Entry> out) {
        if (i >= size || heap[i].dueAt > now) {
            return;
        }
        out.add(heap[i]);
        collect(2 * i + 1, now, out);
        collect(2 * i + 2, now, out);
    }

    /** Whether any entry is due at or before {@code now}. */
    boolean hasDueBy(long now) {
        return size > 0 && heap[0].dueAt <= now;
    }

    int size() {
        return size;
    }

    void clear() {
        byCustomer.clear();
        Arrays.fill(heap, 0, size, null);
        size = 0;
    }

    private void siftUp(int i) {
        Entry entry = heap[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!before(entry, heap[parent])) {
                break;
            }
            place(heap[parent], i);
            i = parent;
        }
        place(entry, i);
    }

    private void siftDown(int i) {
        Entry entry = heap[i];
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && before(heap[child + 1], heap[child])) {
                child++;
            }
            if (!before(heap[child], entry)) {
                break;
            }
            place(heap[child], i);
            i = child;
        }
        place(entry, i);
    }

    private static boolean before(Entry a, Entry b) {
        return a.dueAt < b.dueAt || (a.dueAt == b.dueAt && a.seq < b.seq);
    }

    private void place(Entry entry, int i) {
        heap[i] = entry;
        entry.index = i;
    }
}
