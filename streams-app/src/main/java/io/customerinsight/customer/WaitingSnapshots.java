package io.customerinsight.customer;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The customers whose snapshots wait for the next batched model call, in the order they were taken, with how
 * many snapshots wait and the time of the oldest. The snapshots themselves are on the customers' states.
 */
final class WaitingSnapshots {
    private Set<String> customers = new LinkedHashSet<>();
    private int rows;
    private long oldest;

    /** A customer whose state was restored with snapshots still waiting (a restart, a task moving here). */
    void restored(String customerId, int snapshots) {
        customers.add(customerId);
        rows += snapshots;
    }

    /** A snapshot of the customer as of {@code at} was just taken. */
    void taken(String customerId, long at) {
        if (rows++ == 0) {
            oldest = at;
        }
        customers.add(customerId);
    }

    /** A customer deleted with {@code snapshots} of theirs waiting: they will not be scored. */
    void forget(String customerId, int snapshots) {
        if (customers.remove(customerId)) {
            rows -= snapshots;
        }
    }

    boolean isEmpty() {
        return rows == 0;
    }

    int rows() {
        return rows;
    }

    /** Whether a batch is full, or the oldest snapshot is {@code maxLag} of stream time old. */
    boolean batchDue(int batch, long streamTime, long maxLag) {
        return rows >= batch || (rows > 0 && oldest <= streamTime - maxLag);
    }

    /** Takes every waiting customer, in the order their snapshots were taken. */
    List<String> takeAll() {
        List<String> ids = new ArrayList<>(customers);
        // a new set, not clear(): a sweep of thousands of due customers leaves a large table behind, and
        // clear() nulls every slot of it at each of the many small batches that follow
        customers = new LinkedHashSet<>();
        rows = 0;
        return ids;
    }

    void clear() {
        customers.clear();
        rows = 0;
    }
}
