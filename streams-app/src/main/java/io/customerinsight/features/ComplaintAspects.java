package io.customerinsight.features;

import io.customerinsight.events.ComplaintTopic;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The aspects of a customer's latest complaints (delivery, price...), each with its day: the last
 * {@link #CAPACITY}, enough for any month a retention team reads. Aspects, never topic ids, which change at
 * every retrain.
 */
final class ComplaintAspects {
    private static final List<String> NAMES = ComplaintTopic.ASPECTS;
    private static final int CAPACITY = 16;

    private final byte[] aspects = new byte[CAPACITY];
    private final int[] days = new int[CAPACITY];
    private int size;

    void add(String aspect, int day) {
        int ordinal = NAMES.indexOf(aspect);
        if (size == CAPACITY) {
            int oldest = 0;
            for (int i = 1; i < size; i++) {
                if (days[i] < days[oldest]) {
                    oldest = i;
                }
            }
            if (days[oldest] > day) {
                return; // older than every complaint kept
            }
            System.arraycopy(aspects, oldest + 1, aspects, oldest, size - oldest - 1);
            System.arraycopy(days, oldest + 1, days, oldest, size - oldest - 1);
            size--;
        }
        aspects[size] = (byte) (ordinal < 0 ? NAMES.size() - 1 : ordinal);
        days[size] = day;
        size++;
    }

    /** Complaints per aspect on the days from {@code firstDay} to {@code lastDay}, the most frequent first. */
    Map<String, Integer> between(int firstDay, int lastDay) {
        if (size == 0) {
            return Map.of(); // most customers: taken with every snapshot, so no allocation
        }
        int[] counts = new int[NAMES.size()];
        for (int i = 0; i < size; i++) {
            if (days[i] >= firstDay && days[i] <= lastDay) {
                counts[aspects[i]]++;
            }
        }
        Map<String, Integer> out = new LinkedHashMap<>();
        for (int n = CAPACITY; n > 0; n--) { // by count, then in the order of NAMES: the same order every time
            for (int a = 0; a < counts.length; a++) {
                if (counts[a] == n) {
                    out.put(NAMES.get(a), n);
                }
            }
        }
        return out;
    }

    int encodedSize() {
        return 1 + 5 * size;
    }

    void write(ByteBuffer out) {
        out.put((byte) size);
        for (int i = 0; i < size; i++) {
            out.put(aspects[i]);
            out.putInt(days[i]);
        }
    }

    void read(ByteBuffer in) {
        int n = Byte.toUnsignedInt(in.get());
        for (int i = 0; i < n; i++) {
            byte aspect = in.get();
            int day = in.getInt();
            add(NAMES.get(Math.min(aspect, NAMES.size() - 1)), day);
        }
    }
}
