package io.customerinsight.customer;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryConfig;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A key-value store that keeps the decoded values its task works on in memory and writes each changed
 * one to the store beneath (RocksDB and its changelog) once per commit, instead of encoding, caching and
 * decoding it again on every event as Kafka Streams' byte cache does. Measured on the customer state, that
 * round trip cost more than all the rest of the per-event work.
 *
 * <p>Kafka Streams drives it as it drives its own caching layer ({@link CachedStateStore}, an internal
 * interface, hence the pinned version): {@link #flushCache()} runs before every commit, so the changed
 * values go into the same transaction as the input offsets; {@link #clearCache()} runs when the task's
 * stores are recycled, since restoration then writes beneath this layer.
 *
 * <p>The values are live: callers mutate what {@link #get} returns and {@link #put} it back, and must do
 * everything that can fail before they mutate. Only the thread that writes uses the in-memory copies;
 * other threads (interactive queries) read the store beneath, as of the last commit.
 */
public final class WriteBackKeyValueStore<K, V> implements KeyValueStore<K, V>, CachedStateStore<K, V> {
    private final KeyValueStore<K, V> inner;
    private final Map<K, Slot<K, V>> values;
    /** the slots changed since the last write-back, each once (a slot evicted or deleted since is clean) */
    private final List<Slot<K, V>> dirty = new ArrayList<>();
    private volatile Thread writer;
    /**
     * the slot looked up or added last, while it is still in memory: the newest in the access order. The
     * customer processor reads and puts back one customer several times per event, and this spares the hash
     * lookups after the first without changing which value is the least recently used.
     */
    private Slot<K, V> recent;
    /** what must reach the commit with the values (outputs held for it), run before each write-back */
    private Runnable beforeCommit = () -> { };

    /** A value in memory; one hash lookup finds both it and whether it waits for a write-back. */
    private static final class Slot<K, V> {
        final K key;
        V value;
        boolean dirty;

        Slot(K key, V value) {
            this.key = key;
            this.value = value;
        }
    }

    /**
     * @param inner      the store beneath, without Kafka Streams' own caching
     * @param maxEntries values kept in memory; the least recently used beyond it is written back and dropped
     */
    public WriteBackKeyValueStore(KeyValueStore<K, V> inner, int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be positive, was " + maxEntries);
        }
        this.inner = inner;
        this.values = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, Slot<K, V>> eldest) {
                if (size() <= maxEntries) {
                    return false;
                }
                Slot<K, V> slot = eldest.getValue();
                forget(slot);
                if (slot.dirty) {
                    slot.dirty = false;
                    inner.put(slot.key, slot.value);
                }
                return true;
            }
        };
    }

    @Override
    public V get(K key) {
        if (Thread.currentThread() != writer) {
            return inner.get(key);
        }
        Slot<K, V> slot = inMemory(key);
        if (slot != null) {
            return slot.value;
        }
        V value = inner.get(key);
        if (value != null) {
            added(key, value);
        }
        return value;
    }

    @Override
    public void put(K key, V value) {
        if (value == null) {
            delete(key);
            return;
        }
        claim();
        Slot<K, V> slot = inMemory(key);
        if (slot == null) {
            slot = added(key, value);
        } else {
            slot.value = value;
        }
        if (!slot.dirty) {
            slot.dirty = true;
            dirty.add(slot);
        }
    }

    /** The key's slot if it is in memory, now the most recently used. */
    private Slot<K, V> inMemory(K key) {
        Slot<K, V> slot = recent;
        if (slot != null && slot.key.equals(key)) {
            return slot; // already the newest in the access order
        }
        slot = values.get(key);
        if (slot != null) {
            recent = slot;
        }
        return slot;
    }

    /** A value newly in memory, now the most recently used (adding it may evict the least recently used). */
    private Slot<K, V> added(K key, V value) {
        Slot<K, V> slot = new Slot<>(key, value);
        values.put(key, slot);
        recent = slot;
        return slot;
    }

    @Override
    public V putIfAbsent(K key, V value) {
        V existing = get(key);
        if (existing == null) {
            put(key, value);
        }
        return existing;
    }

    @Override
    public void putAll(List<KeyValue<K, V>> entries) {
        entries.forEach(e -> put(e.key, e.value));
    }

    @Override
    public V delete(K key) {
        V previous = get(key);
        claim();
        Slot<K, V> slot = values.remove(key);
        if (slot != null) {
            slot.dirty = false;
            forget(slot);
        }
        inner.delete(key);
        return previous;
    }

    private void clearValues() {
        values.clear();
        recent = null;
    }

    /** A slot leaves memory: a later put must not write into it. */
    private void forget(Slot<K, V> slot) {
        if (slot == recent) {
            recent = null;
        }
    }

    /** The changes of this thread must be visible to every read that does not go through the cache. */
    private void claim() {
        Thread current = Thread.currentThread();
        if (writer != current) {
            writeBack();
            clearValues();
            writer = current;
        }
    }

    private void writeBack() {
        for (Slot<K, V> slot : dirty) {
            if (slot.dirty) {
                slot.dirty = false;
                inner.put(slot.key, slot.value);
            }
        }
        dirty.clear();
    }

    /**
     * Runs {@code hook} at the start of every {@link #flushCache()}, that is before every commit of the task,
     * in its stream thread: records it forwards then go into the same transaction as the values.
     */
    public void beforeCommit(Runnable hook) {
        this.beforeCommit = hook;
    }

    @Override
    public void flushCache() {
        beforeCommit.run();
        writeBack();
    }

    @Override
    public void clearCache() {
        clearValues();
        dirty.forEach(slot -> slot.dirty = false);
        dirty.clear();
    }

    @Override
    public boolean setFlushListener(CacheFlushListener<K, V> listener, boolean sendOldValues) {
        return false;
    }

    @Override
    public KeyValueIterator<K, V> range(K from, K to) {
        writeBackIfWriter();
        return inner.range(from, to);
    }

    @Override
    public KeyValueIterator<K, V> reverseRange(K from, K to) {
        writeBackIfWriter();
        return inner.reverseRange(from, to);
    }

    @Override
    public KeyValueIterator<K, V> all() {
        writeBackIfWriter();
        return inner.all();
    }

    @Override
    public KeyValueIterator<K, V> reverseAll() {
        writeBackIfWriter();
        return inner.reverseAll();
    }

    /** Iterators read the store beneath, so the writer's own changes must be there first. */
    private void writeBackIfWriter() {
        if (Thread.currentThread() == writer) {
            writeBack();
        }
    }

    @Override
    public long approximateNumEntries() {
        return inner.approximateNumEntries();
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        clearCache();
        writer = null;
        inner.init(context, root);
    }

    @Override
    @SuppressWarnings("deprecation")
    public void flush() {
        inner.flush();
    }

    @Override
    public void commit(Map<TopicPartition, Long> changelogOffsets) {
        inner.commit(changelogOffsets);
    }

    @Override
    public Long committedOffset(TopicPartition partition) {
        return inner.committedOffset(partition);
    }

    @Override
    public boolean managesOffsets() {
        return inner.managesOffsets();
    }

    @Override
    public void close() {
        // a clean close has been preceded by a commit; after a dirty one, the store is restored from the changelog
        clearCache();
        writer = null;
        inner.close();
    }

    @Override
    public boolean persistent() {
        return inner.persistent();
    }

    @Override
    public boolean isOpen() {
        return inner.isOpen();
    }

    @Override
    public <R> QueryResult<R> query(Query<R> query, PositionBound positionBound, QueryConfig config) {
        return inner.query(query, positionBound, config);
    }

    @Override
    public Position getPosition() {
        return inner.getPosition();
    }
}
