package io.customerinsight.simulate;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * Drives an {@link ActivitySimulator} into a sink at a target number of events per second. Simulated time
 * runs as fast as the rate allows, starting in the past, and never overtakes the wall clock: once it
 * catches up, sessions are released in real time.
 */
public final class SimulationRunner {
    private final ActivitySimulator simulator;
    private final Consumer<SimulatedEvent> sink;
    private final Clock clock;

    public SimulationRunner(ActivitySimulator simulator, Consumer<SimulatedEvent> sink, Clock clock) {
        this.simulator = simulator;
        this.sink = sink;
        this.clock = clock;
    }

    /** Runs until {@code duration} has passed, the thread is interrupted, or everyone has churned. */
    public long run(double eventsPerSecond, Duration duration) throws InterruptedException {
        long startNanos = System.nanoTime();
        long endNanos = startNanos + duration.toNanos();
        long sent = 0;
        while (System.nanoTime() < endNanos && !Thread.currentThread().isInterrupted()) {
            long next = simulator.peekTime();
            if (next == Long.MAX_VALUE) {
                break;
            }
            if (next > clock.millis()) {
                Thread.sleep(Math.min(200, next - clock.millis()));
                continue;
            }
            List<SimulatedEvent> events = simulator.nextSession();
            for (SimulatedEvent e : events) {
                sink.accept(e);
            }
            sent += events.size();
            long dueNanos = startNanos + (long) (sent / eventsPerSecond * 1e9);
            long ahead = dueNanos - System.nanoTime();
            if (ahead > 2_000_000) {
                Thread.sleep(ahead / 1_000_000);
            }
        }
        return sent;
    }

    /** Writes every session up to {@code until} (simulated time) without pacing, e.g. to a file. */
    public long runUntil(long until) {
        long sent = 0;
        while (simulator.peekTime() <= until) {
            for (SimulatedEvent e : simulator.nextSession()) {
                sink.accept(e);
                sent++;
            }
        }
        return sent;
    }
}
