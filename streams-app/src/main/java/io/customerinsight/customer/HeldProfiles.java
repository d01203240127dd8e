package io.customerinsight.customer;

import io.customerinsight.ops.InsightMetrics;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.internals.InternalProcessorContext;
import org.apache.kafka.streams.processor.internals.ProcessorNode;
import org.apache.kafka.streams.state.internals.WrappedStateStore;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Profiles waiting for the task's next commit, one per customer: a newer profile of the same customer
 * replaces the one held, and the commit publishes what is held, in the same transaction as the states that
 * made them. This is what Kafka Streams' record caches do for a table: a backlog, or a burst of one
 * customer's activity, publishes each customer's latest profile once per commit instead of every
 * intermediate one, while a live customer's profile goes out at the commit that would have made it
 * visible anyway (under exactly-once, a record is read at its transaction's commit).
 * <p>
 * The commit is reached through the customer store ({@link WriteBackKeyValueStore#beforeCommit}), and the
 * records are forwarded as this processor's own, as Kafka Streams' caching stores forward theirs (its
 * internal processor context, hence the pinned version).
 */
final class HeldProfiles {
    private final Map<String, Record<String, InsightOutput>> held = new LinkedHashMap<>();
    private final ProcessorContext<String, InsightOutput> context;
    private final InternalProcessorContext<String, InsightOutput> internal;
    private final ProcessorNode<?, ?, ?, ?> processorNode;
    private final InsightMetrics metrics;

    /** Attaches to the task's customer store; called from the processor's {@code init}. */
    @SuppressWarnings("unchecked")
    static HeldProfiles attach(ProcessorContext<String, InsightOutput> context, StateStore customers,
                               InsightMetrics metrics) {
        HeldProfiles profiles = new HeldProfiles(context, (InternalProcessorContext<String, InsightOutput>) context,
                metrics);
        writeBackStore(customers).beforeCommit(profiles::publish);
        return profiles;
    }

    private HeldProfiles(ProcessorContext<String, InsightOutput> context,
                         InternalProcessorContext<String, InsightOutput> internal, InsightMetrics metrics) {
        this.context = context;
        this.internal = internal;
        this.processorNode = internal.currentNode();
        this.metrics = metrics;
        if (processorNode == null) {
            throw new IllegalStateException("profiles can be held only from a processor's init");
        }
    }

    private static WriteBackKeyValueStore<?, ?> writeBackStore(StateStore store) {
        StateStore s = store;
        while (!(s instanceof WriteBackKeyValueStore<?, ?>) && s instanceof WrappedStateStore<?, ?, ?> wrapper) {
            s = wrapper.wrapped();
        }
        if (s instanceof WriteBackKeyValueStore<?, ?> writeBack) {
            return writeBack;
        }
        throw new IllegalStateException("the customer store is not a write-back store: " + store.getClass());
    }

    /** Holds a customer's profile until the commit, in place of the one held for it. */
    void hold(String customerId, Record<String, InsightOutput> profile) {
        if (held.put(customerId, profile) != null) {
            metrics.profileUpdate("coalesced");
        }
    }

    /** Publishes what is held, as this processor's output; run by the store before each commit. */
    private void publish() {
        if (held.isEmpty()) {
            return;
        }
        ProcessorNode<?, ?, ?, ?> previous = internal.currentNode();
        internal.setCurrentNode(processorNode);
        try {
            for (Record<String, InsightOutput> profile : held.values()) {
                context.forward(profile);
                metrics.profileUpdate("published");
            }
        } finally {
            internal.setCurrentNode(previous);
            held.clear();
        }
    }

    /** Drops what is held: the task closes without a commit, so the states that made them are not kept either. */
    void discard() {
        held.clear();
    }
}
