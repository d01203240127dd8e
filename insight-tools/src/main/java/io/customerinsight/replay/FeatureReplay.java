package io.customerinsight.replay;

import io.customerinsight.customer.DeliveredIds;
import io.customerinsight.events.ClickEvent;
import io.customerinsight.events.CustomerEvent;
import io.customerinsight.events.ScoredFeedback;
import io.customerinsight.features.CustomerActivity;
import io.customerinsight.features.FeatureExtractor;

import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Runs the live feature code over history in event-time order and takes point-in-time snapshots: at each
 * cutoff, the features every customer had then, computed from events at or before the cutoff only. A record
 * delivered twice counts once, as live ({@link DeliveredIds}).
 */
public final class FeatureReplay {
    public interface RowSink {
        void row(String customerId, long cutoff, float[] features, CustomerActivity activity);
    }

    private final Map<String, CustomerActivity> customers = new HashMap<>();
    private final Map<String, DeliveredIds> delivered = new HashMap<>();
    private final PriorityQueue<CustomerEvent> pending =
            new PriorityQueue<>((a, b) -> Long.compare(a.timestamp(), b.timestamp()));

    public void add(CustomerEvent event) {
        pending.add(event);
    }

    /** Applies every pending event up to {@code cutoff} and snapshots each customer seen so far. */
    public void snapshot(long cutoff, RowSink sink) {
        applyUntil(cutoff);
        customers.forEach((id, activity) -> sink.row(id, cutoff, FeatureExtractor.extract(activity, cutoff), activity));
    }

    public void applyUntil(long t) {
        while (!pending.isEmpty() && pending.peek().timestamp() <= t) {
            CustomerEvent e = pending.poll();
            if (!delivered.computeIfAbsent(e.customerId(), k -> new DeliveredIds()).firstDelivery(e)) {
                continue;
            }
            CustomerActivity a = customers.computeIfAbsent(e.customerId(), k -> new CustomerActivity());
            if (e instanceof ClickEvent c) {
                a.apply(c);
            } else {
                a.apply((ScoredFeedback) e);
            }
        }
    }

    public int customers() {
        return customers.size();
    }
}
