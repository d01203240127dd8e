package io.customerinsight.customer;

import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;

import java.util.Map;

/** Builds a {@link WriteBackKeyValueStore} over a key-value store built without Kafka Streams' byte cache. */
public final class WriteBackStoreBuilder<K, V> implements StoreBuilder<WriteBackKeyValueStore<K, V>> {
    private final StoreBuilder<KeyValueStore<K, V>> inner;
    private final int maxEntries;

    public WriteBackStoreBuilder(StoreBuilder<KeyValueStore<K, V>> inner, int maxEntries) {
        this.inner = inner.withCachingDisabled();
        this.maxEntries = maxEntries;
    }

    /** This store is the cache: a byte cache beneath it would only add a copy. */
    @Override
    public StoreBuilder<WriteBackKeyValueStore<K, V>> withCachingEnabled() {
        throw new UnsupportedOperationException("a write-back store caches decoded values itself");
    }

    @Override
    public StoreBuilder<WriteBackKeyValueStore<K, V>> withCachingDisabled() {
        return this;
    }

    @Override
    public StoreBuilder<WriteBackKeyValueStore<K, V>> withLoggingEnabled(Map<String, String> config) {
        inner.withLoggingEnabled(config);
        return this;
    }

    @Override
    public StoreBuilder<WriteBackKeyValueStore<K, V>> withLoggingDisabled() {
        inner.withLoggingDisabled();
        return this;
    }

    @Override
    public WriteBackKeyValueStore<K, V> build() {
        return new WriteBackKeyValueStore<>(inner.build(), maxEntries);
    }

    @Override
    public Map<String, String> logConfig() {
        return inner.logConfig();
    }

    @Override
    public boolean loggingEnabled() {
        return inner.loggingEnabled();
    }

    @Override
    public String name() {
        return inner.name();
    }
}
