package io.customerinsight.customer;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WriteBackKeyValueStoreTest {
    /** every value serialized, i.e. written to the store beneath */
    private final List<String> written = new ArrayList<>();
    private final Serde<String> countingSerde = Serdes.serdeFrom((topic, v) -> {
        written.add(v);
        return v.getBytes(StandardCharsets.UTF_8);
    }, new StringDeserializer());
    private final WriteBackKeyValueStore<String, String> store = storeOf(2);

    private WriteBackKeyValueStore<String, String> storeOf(int maxEntries) {
        WriteBackKeyValueStore<String, String> s = new WriteBackStoreBuilder<>(Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore("test"), Serdes.String(), countingSerde), maxEntries)
                .withLoggingDisabled().build();
        s.init(new MockProcessorContext<>().getStateStoreContext(), s);
        return s;
    }

    @AfterEach
    void close() {
        store.close();
    }

    /** What a reader on another thread (an interactive query) gets. */
    private String readElsewhere(String key) {
        return CompletableFuture.supplyAsync(() -> store.get(key)).join();
    }

    @Test
    void theCommitHookRunsAtEveryFlushBeforeTheValuesAreWrittenBeneath() {
        List<List<String>> writtenWhenHookRan = new ArrayList<>();
        store.beforeCommit(() -> writtenWhenHookRan.add(List.copyOf(written)));
        store.put("a", "1");
        store.flushCache();
        store.put("a", "2");
        store.flushCache();

        assertThat(writtenWhenHookRan).containsExactly(List.of(), List.of("1"));
        assertThat(written).containsExactly("1", "2");
    }

    @Test
    void changesReachTheStoreBeneathOncePerFlushWhateverTheirNumber() {
        store.put("a", "1");
        store.put("a", "2");
        store.put("a", "3");
        assertThat(store.get("a")).isEqualTo("3");
        assertThat(written).isEmpty();
        assertThat(readElsewhere("a")).isNull();

        store.flushCache();
        assertThat(written).containsExactly("3");
        assertThat(readElsewhere("a")).isEqualTo("3");

        store.flushCache();
        assertThat(written).as("nothing changed since").containsExactly("3");
    }

    @Test
    void theWriterGetsTheLiveObjectItPutNotACopy() {
        Serde<StringBuilder> serde = Serdes.serdeFrom((t, v) -> v.toString().getBytes(StandardCharsets.UTF_8),
                (t, b) -> new StringBuilder(new String(b, StandardCharsets.UTF_8)));
        WriteBackKeyValueStore<String, StringBuilder> live = new WriteBackStoreBuilder<>(Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore("live"), Serdes.String(), serde), 10).withLoggingDisabled().build();
        live.init(new MockProcessorContext<>().getStateStoreContext(), live);
        StringBuilder value = new StringBuilder("x");
        live.put("k", value);
        value.append("y");
        assertThat(live.get("k")).isSameAs(value);
        live.flushCache();
        assertThat(CompletableFuture.supplyAsync(() -> live.get("k").toString()).join()).isEqualTo("xy");
        live.close();
    }

    @Test
    void theLeastRecentlyUsedValueBeyondTheBoundIsWrittenBackAndReloadedWhenNeeded() {
        store.put("a", "1");
        store.put("b", "1");
        store.get("a"); // b is now the least recently used
        store.put("c", "1");
        assertThat(written).as("b evicted and written back").containsExactly("1");
        assertThat(readElsewhere("b")).isEqualTo("1");
        assertThat(readElsewhere("a")).as("a still only in memory").isNull();

        assertThat(store.get("b")).isEqualTo("1");
        store.flushCache();
        assertThat(written).hasSize(3); // a and c; b was reloaded unchanged and evicted clean
    }

    @Test
    void aValueReadAgainAfterAnotherWasUsedBecomesTheMostRecentlyUsedAgain() {
        store.put("a", "1");
        store.put("b", "1");
        store.get("a");
        store.put("b", "2"); // b is now the most recently used
        store.get("a"); // and now a again, although it was also the value read last
        store.put("c", "1");
        assertThat(written).as("b evicted, a kept").containsExactly("2");
        assertThat(store.get("a")).isEqualTo("1");
        assertThat(readElsewhere("a")).isNull();
    }

    @Test
    void aValuePutBackAfterItsSlotLeftMemoryIsNotLost() {
        store.put("a", "1");
        store.get("a");
        store.put("b", "1");
        store.put("c", "1"); // evicts a, the value read last
        store.put("a", "2");
        assertThat(store.get("a")).isEqualTo("2");

        store.get("a");
        store.delete("a");
        store.put("a", "3");
        assertThat(store.get("a")).isEqualTo("3");

        store.get("a");
        store.clearCache();
        store.put("a", "4");
        store.flushCache();
        assertThat(readElsewhere("a")).isEqualTo("4");
    }

    @Test
    void aClearedCacheForgetsUnflushedChangesAndReadsTheStoreBeneath() {
        store.put("a", "committed");
        store.flushCache();
        store.put("a", "not committed");
        store.clearCache(); // Kafka Streams clears it when restoration may write beneath it
        assertThat(store.get("a")).isEqualTo("committed");
    }

    @Test
    void iteratorsOfTheWriterSeeItsUnflushedChanges() {
        store.put("a", "1");
        store.put("b", "2");
        List<KeyValue<String, String>> all = new ArrayList<>();
        try (KeyValueIterator<String, String> it = store.all()) {
            it.forEachRemaining(all::add);
        }
        assertThat(all).containsExactly(KeyValue.pair("a", "1"), KeyValue.pair("b", "2"));
    }

    @Test
    void aDeleteRemovesTheValueFromMemoryAndBeneath() {
        store.put("a", "1");
        store.flushCache();
        assertThat(store.delete("a")).isEqualTo("1");
        assertThat(store.get("a")).isNull();
        assertThat(readElsewhere("a")).isNull();
        store.flushCache();
        assertThat(readElsewhere("a")).isNull();
    }

    @Test
    void aBoundBelowOneIsRefused() {
        assertThatThrownBy(() -> storeOf(0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
