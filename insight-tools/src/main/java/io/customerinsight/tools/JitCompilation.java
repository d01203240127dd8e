package io.customerinsight.tools;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.Locale;

/** How much of a stretch of wall-clock time the JIT compiler spent compiling, as the JVM accounts it. */
final class JitCompilation {
    private static final CompilationMXBean COMPILER = ManagementFactory.getCompilationMXBean();

    private final long startedNanos = System.nanoTime();
    private final long compiledMsBefore = COMPILER.getTotalCompilationTime();

    private JitCompilation() {
    }

    static JitCompilation start() {
        return new JitCompilation();
    }

    /** Compilation time over elapsed time since {@link #start()} (can exceed 1 with several compiler threads). */
    double share() {
        double elapsedMs = (System.nanoTime() - startedNanos) / 1e6;
        return (COMPILER.getTotalCompilationTime() - compiledMsBefore) / Math.max(1, elapsedMs);
    }

    static String report(double share) {
        return String.format(Locale.ROOT, "JIT compiling %.0f%% of the time", share * 100);
    }
}
