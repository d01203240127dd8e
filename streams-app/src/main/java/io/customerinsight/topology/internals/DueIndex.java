package io.customerinsight.topology.internals;

import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Customers ordered by the time they are next due for rescoring. Keys are the big-endian due time followed
 * by the customer id, so a range scan from 0 to now yields exactly the due customers, oldest first,
 * without touching anyone else.
 */
final class DueIndex {
    private static final byte[] EMPTY = new byte[0];

    private final KeyValueStore<Bytes, byte[]> store;

    DueIndex(KeyValueStore<Bytes, byte[]> store) {
        this.store = store;
    }

    void schedule(String customerId, long previousDue, long due) {
        if (previousDue == due) {
            return;
        }
        if (previousDue != Long.MIN_VALUE) {
            store.delete(key(previousDue, customerId));
        }
        store.put(key(due, customerId), EMPTY);
    }

    void remove(String customerId, long due) {
        if (due != Long.MIN_VALUE) {
            store.delete(key(due, customerId));
        }
    }

    record Due(long dueAt, String customerId) {
    }

    List<Due> dueBy(long now, int limit) {
        List<Due> due = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> it = store.range(key(0, ""), key(now + 1, ""))) {
            while (it.hasNext() && due.size() < limit) {
                KeyValue<Bytes, byte[]> kv = it.next();
                ByteBuffer buf = ByteBuffer.wrap(kv.key.get());
                long at = buf.getLong();
                if (at > now) {
                    break;
                }
                due.add(new Due(at, new String(kv.key.get(), 8, kv.key.get().length - 8, StandardCharsets.UTF_8)));
            }
        }
        return due;
    }

    static Bytes key(long due, String customerId) {
        byte[] id = customerId.getBytes(StandardCharsets.UTF_8);
        return Bytes.wrap(ByteBuffer.allocate(8 + id.length).putLong(Math.max(0, due)).put(id).array());
    }
}
