package io.customerinsight.app;

import io.customerinsight.ops.InsightMetrics;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
import static org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
import static org.assertj.core.api.Assertions.assertThat;

class ThreadReplacementPolicyTest {
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final InsightMetrics metrics = InsightMetrics.standalone();
    private final ThreadReplacementPolicy policy = new ThreadReplacementPolicy(3, Duration.ofMinutes(10), now::get,
            metrics);

    @Test
    void aThreadIsReplacedABoundedNumberOfTimesThenTheInstanceShutsDown() {
        RuntimeException failure = new IllegalStateException("scoring failed");
        assertThat(policy.handle(failure)).isEqualTo(REPLACE_THREAD);
        now.addAndGet(60_000);
        assertThat(policy.handle(failure)).isEqualTo(REPLACE_THREAD);
        assertThat(policy.handle(failure)).isEqualTo(REPLACE_THREAD);
        assertThat(policy.handle(failure)).isEqualTo(SHUTDOWN_CLIENT);
        assertThat(metrics.count("insight.stream.thread.failures", "outcome", "replaced")).isEqualTo(3);
        assertThat(metrics.count("insight.stream.thread.failures", "outcome", "shutdown")).isEqualTo(1);
    }

    @Test
    void replacementsOutsideTheWindowNoLongerCount() {
        RuntimeException failure = new IllegalStateException("broker gone");
        for (int i = 0; i < 3; i++) {
            assertThat(policy.handle(failure)).isEqualTo(REPLACE_THREAD);
        }
        now.addAndGet(Duration.ofMinutes(10).toMillis());
        assertThat(policy.handle(failure)).isEqualTo(REPLACE_THREAD);
    }
}
