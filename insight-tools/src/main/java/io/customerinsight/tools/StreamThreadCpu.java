package io.customerinsight.tools;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;

/**
 * CPU time consumed so far by the stream threads of one Kafka Streams application in this JVM. Unlike a rate,
 * it does not depend on what else the two cores were doing (the broker, the JIT compiler), so it compares the
 * pipeline with the floor more steadily than wall-clock throughput.
 */
final class StreamThreadCpu {
    private StreamThreadCpu() {
    }

    static long nanos(String applicationId) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long total = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith(applicationId + "-")
                    && info.getThreadName().contains("-StreamThread-")) {
                long cpu = threads.getThreadCpuTime(info.getThreadId());
                total += Math.max(0, cpu);
            }
        }
        return total;
    }

    /** CPU time of the whole JVM so far, every thread. */
    static long processNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
