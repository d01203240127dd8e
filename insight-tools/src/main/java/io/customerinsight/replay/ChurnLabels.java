package io.customerinsight.replay;

import io.customerinsight.events.ClickEvent;
import io.customerinsight.events.EventType;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * What happened after a cutoff, per customer: churned means no qualifying activity within the horizon
 * after the cutoff, or an explicit {@code subscription_cancel} within it.
 */
public final class ChurnLabels {
    public enum Activity { PURCHASE, SESSION }

    private final Activity activity;
    private final Map<String, long[]> qualifying = new HashMap<>();
    private final Map<String, Integer> counts = new HashMap<>();
    private final Map<String, Long> cancels = new HashMap<>();
    private boolean sealed;

    public ChurnLabels(Activity activity) {
        this.activity = activity;
    }

    public void observe(ClickEvent e) {
        EventType type = e.eventType();
        if (type == EventType.SUBSCRIPTION_CANCEL) {
            cancels.merge(e.customerId(), e.timestamp(), Math::min);
            return;
        }
        if (activity == Activity.PURCHASE && type != EventType.PURCHASE) {
            return;
        }
        long[] times = qualifying.computeIfAbsent(e.customerId(), k -> new long[8]);
        int n = counts.getOrDefault(e.customerId(), 0);
        if (n == times.length) {
            times = Arrays.copyOf(times, n * 2);
            qualifying.put(e.customerId(), times);
        }
        times[n] = e.timestamp();
        counts.put(e.customerId(), n + 1);
    }

    private void seal() {
        if (!sealed) {
            qualifying.replaceAll((k, v) -> {
                long[] t = Arrays.copyOf(v, counts.get(k));
                Arrays.sort(t);
                return t;
            });
            sealed = true;
        }
    }

    /** Whether the customer cancelled at or before this time. */
    public boolean cancelledBy(String customerId, long t) {
        Long c = cancels.get(customerId);
        return c != null && c <= t;
    }

    public boolean churned(String customerId, long cutoff, long horizonMs) {
        seal();
        Long cancel = cancels.get(customerId);
        if (cancel != null && cancel > cutoff && cancel <= cutoff + horizonMs) {
            return true;
        }
        long[] t = qualifying.get(customerId);
        if (t == null) {
            return true;
        }
        int i = Arrays.binarySearch(t, cutoff + 1);
        int next = i >= 0 ? i : -i - 1;
        return next >= t.length || t[next] > cutoff + horizonMs;
    }
}
