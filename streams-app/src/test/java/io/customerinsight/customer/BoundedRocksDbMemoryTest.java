package io.customerinsight.customer;

import io.customerinsight.config.InsightConfig;
import org.junit.jupiter.api.Test;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class BoundedRocksDbMemoryTest {
    @Test
    void everyStoreSharesOneBudgetWhoseMemtablesFitInIt() {
        RocksDB.loadLibrary();
        BoundedRocksDbMemory setter = new BoundedRocksDbMemory();
        try (Options a = new Options().setTableFormatConfig(new BlockBasedTableConfig());
             Options b = new Options().setTableFormatConfig(new BlockBasedTableConfig())) {
            setter.setConfig("customer-state", a, Map.of(InsightConfig.ROCKSDB_MEMORY_MB, 64L));
            setter.setConfig("other", b, Map.of(InsightConfig.ROCKSDB_MEMORY_MB, 4096L));
            long budget = BoundedRocksDbMemory.budgetBytes();
            // one budget per process, set by the first store: a quarter of it in memtables, spread over three
            assertThat(budget).isPositive().isBetween(b.writeBufferSize() * 12, b.writeBufferSize() * 12 + 12);
            assertThat(a.writeBufferSize()).isEqualTo(b.writeBufferSize());
            assertThat(a.maxWriteBufferNumber() * a.writeBufferSize()).isLessThanOrEqualTo(budget);
            assertThat(((BlockBasedTableConfig) a.tableFormatConfig()).cacheIndexAndFilterBlocks()).isTrue();
        }
    }
}
