package io.customerinsight.topology;

import io.customerinsight.topology.internals.UnknownTypeLog;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UnknownTypeLogTest {

    @Test
    void eachNameIsLoggedOnceAndOnlyTheFirstTwentyNames() {
        UnknownTypeLog log = new UnknownTypeLog();
        assertThat(log.seen("clickstream", "purchse")).isTrue();
        assertThat(log.seen("clickstream", "purchse")).isFalse();
        for (int i = 1; i < 20; i++) {
            assertThat(log.seen("clickstream", "type-" + i)).isTrue();
        }
        assertThat(log.seen("clickstream", "one-too-many")).isFalse();
        assertThat(log.seen("clickstream", "x".repeat(500))).isFalse();
    }
}
