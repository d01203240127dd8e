package io.customerinsight.app;

import io.customerinsight.ops.InsightMetrics;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.LongSupplier;

/**
 * What to do when a stream thread dies: replace it, but only a bounded number of times within a window.
 * Past that the error repeats (every replacement under exactly-once is a dirty close, a state wipe, a
 * restore and a rebalance), so the instance shuts down: liveness fails and the orchestrator restarts it,
 * which an operator sees, where endless replacement behind a green liveness probe hid the failure.
 */
final class ThreadReplacementPolicy implements StreamsUncaughtExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(ThreadReplacementPolicy.class);

    private final int maxReplacements;
    private final long windowMillis;
    private final LongSupplier clock;
    private final InsightMetrics metrics;
    private final Deque<Long> replacedAt = new ArrayDeque<>();

    ThreadReplacementPolicy(int maxReplacements, Duration window, LongSupplier clock, InsightMetrics metrics) {
        this.maxReplacements = maxReplacements;
        this.windowMillis = window.toMillis();
        this.clock = clock;
        this.metrics = metrics;
    }

    @Override
    public synchronized StreamThreadExceptionResponse handle(Throwable exception) {
        long now = clock.getAsLong();
        while (!replacedAt.isEmpty() && now - replacedAt.peekFirst() >= windowMillis) {
            replacedAt.removeFirst();
        }
        if (replacedAt.size() < maxReplacements) {
            replacedAt.addLast(now);
            metrics.streamThreadFailed("replaced");
            log.error("stream thread failed; replacing it ({} of at most {} within {})", replacedAt.size(),
                    maxReplacements, Duration.ofMillis(windowMillis), exception);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        }
        metrics.streamThreadFailed("shutdown");
        log.error("stream thread failed after {} replacements within {}; shutting the instance down so that it "
                + "is restarted (liveness now fails)", maxReplacements, Duration.ofMillis(windowMillis), exception);
        return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }
}
