package io.customerinsight.customer;

import io.customerinsight.config.InsightConfig;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

import java.util.Map;

/**
 * Bounds the off-heap memory of every RocksDB store of the instance: one block cache shared by all stores
 * (index and filter blocks included), and memtables charged against the same cache through a write-buffer
 * manager, so that the total stays within {@code insight.rocksdb.memory.mb} however many tasks the
 * instance holds. Without it each store sizes its own cache and memtables, and the sum grows with the
 * number of partitions until the container's memory limit kills the pod.
 */
public final class BoundedRocksDbMemory implements RocksDBConfigSetter {
    /** Share of the budget for memtables (writes); the rest caches blocks (reads). */
    private static final double MEMTABLE_SHARE = 0.25;
    private static final double HIGH_PRIORITY_SHARE = 0.1;
    private static final int MEMTABLES_PER_STORE = 3;
    private static Cache cache;
    private static WriteBufferManager writeBuffers;
    private static long budgetBytes;

    /** One budget per process: the first configured store sizes it (the app runs one topology per JVM). */
    private static synchronized void init(long bytes) {
        if (cache == null) {
            budgetBytes = bytes;
            cache = new LRUCache(bytes, -1, false, HIGH_PRIORITY_SHARE);
            writeBuffers = new WriteBufferManager((long) (bytes * MEMTABLE_SHARE), cache);
        }
    }

    static synchronized long budgetBytes() {
        return budgetBytes;
    }

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        Object mb = configs.get(InsightConfig.ROCKSDB_MEMORY_MB);
        init(Long.parseLong(String.valueOf(mb == null ? InsightConfig.defaults().rocksDbMemoryMb() : mb))
                * 1024 * 1024);
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(cache);
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setWriteBufferManager(writeBuffers);
        options.setMaxWriteBufferNumber(MEMTABLES_PER_STORE);
        options.setWriteBufferSize((long) (budgetBytes * MEMTABLE_SHARE / MEMTABLES_PER_STORE));
        options.setTableFormatConfig(table);
    }

    @Override
    public void close(String storeName, Options options) {
        // the cache and the write-buffer manager are shared by every store of the process: never closed here
    }
}
