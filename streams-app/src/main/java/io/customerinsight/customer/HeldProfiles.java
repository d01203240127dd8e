package io.customerinsight.customer;

import io.customerinsight.ops.InsightMetrics;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.internals.InternalProcessorContext;
import org.apache.kafka.streams.processor.internals.ProcessorNode;
import org.apache.kafka.streams.state.internals.WrappedStateStore;

import java.util.ArrayList;
import java.util.List;

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
    /** the customers holding a profile, in the order they first held one since the last commit */
    private final List<String> customerIds = new ArrayList<>();
    private final List<CustomerState> states = new ArrayList<>();
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

    /**
     * Holds a customer's profile until the commit, in place of the one held for it. It is held on the
     * customer's state and built at the commit, so a replaced one costs neither a build nor a map entry. (A
     * state evicted from the write-back cache and read again before the commit holds its own: both are
     * published, in order.)
     */
    void hold(String customerId, CustomerState state, ProfilePublisher.Draft profile) {
        if (state.heldProfile != null) {
            metrics.profileUpdate("coalesced");
        } else {
            customerIds.add(customerId);
            states.add(state);
        }
        state.heldProfile = profile;
    }

    /**
     * Drops every profile held for a customer who was just deleted, including one held by a state the
     * write-back cache evicted since (its draft would otherwise go out after the customer's tombstone).
     * Deletions are rare, so a scan of what is held is cheap enough.
     */
    void drop(String customerId) {
        for (int i = 0; i < customerIds.size(); i++) {
            if (customerIds.get(i).equals(customerId)) {
                states.get(i).heldProfile = null;
            }
        }
    }

    /** Publishes what is held, as this processor's output; run by the store before each commit. */
    private void publish() {
        if (states.isEmpty()) {
            return;
        }
        ProcessorNode<?, ?, ?, ?> previous = internal.currentNode();
        internal.setCurrentNode(processorNode);
        try {
            for (int i = 0; i < states.size(); i++) {
                ProfilePublisher.Draft draft = states.get(i).heldProfile;
                if (draft == null) {
                    continue;
                }
                states.get(i).heldProfile = null;
                String customerId = customerIds.get(i);
                context.forward(new Record<>(customerId, new InsightOutput.Profile(draft.toProfile(customerId)),
                        draft.snapshot().asOf()));
                metrics.profileUpdate("published");
            }
        } finally {
            internal.setCurrentNode(previous);
            clear();
        }
    }

    private void clear() {
        for (CustomerState state : states) {
            state.heldProfile = null;
        }
        customerIds.clear();
        states.clear();
    }

    /** Drops what is held: the task closes without a commit, so the states that made them are not kept either. */
    void discard() {
        clear();
    }
}
