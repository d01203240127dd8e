package io.customerinsight.features;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The products a customer viewed or bought, each with the last epoch day it was seen, least recently seen
 * first; when full, the least recently seen is forgotten. Primitive arrays rather than a map of boxed
 * entries: every event decodes the customer's state, and this is the largest part of it.
 */
final class RecentProducts {
    private final int capacity;
    private int[] hashes;
    private int[] days;
    private int size;

    RecentProducts(int capacity) {
        this.capacity = capacity;
        this.hashes = new int[Math.min(capacity, 8)];
        this.days = new int[hashes.length];
    }

    /** Records that the product with this id hash was seen on this epoch day. */
    void seen(int hash, int day) {
        int last = day;
        int i = indexOf(hash);
        if (i >= 0) {
            last = Math.max(days[i], day);
            removeAt(i);
        } else if (size == capacity) {
            removeAt(0);
        }
        append(hash, last);
    }

    int seenSince(int firstDay) {
        int n = 0;
        for (int i = 0; i < size; i++) {
            if (days[i] >= firstDay) {
                n++;
            }
        }
        return n;
    }

    /**
     * The hashes of the last {@code limit} products seen on or before {@code lastDay}, the most recently seen
     * first: by day, then by the order they were last seen in (the list's order).
     */
    int[] mostRecent(int limit, int lastDay) {
        int[] hashOut = new int[Math.min(limit, size)];
        int[] dayOut = new int[hashOut.length];
        int n = 0;
        for (int i = size - 1; i >= 0 && n < hashOut.length; i--) {
            if (days[i] > lastDay) {
                continue;
            }
            int at = n++; // insertion by day: out-of-order events leave the list's order not quite by day
            while (at > 0 && dayOut[at - 1] < days[i]) {
                hashOut[at] = hashOut[at - 1];
                dayOut[at] = dayOut[at - 1];
                at--;
            }
            hashOut[at] = hashes[i];
            dayOut[at] = days[i];
        }
        return n == hashOut.length ? hashOut : Arrays.copyOf(hashOut, n);
    }

    int size() {
        return size;
    }

    int encodedSize() {
        return 2 + size * 8;
    }

    void write(ByteBuffer out) {
        out.putShort((short) size);
        for (int i = 0; i < size; i++) {
            out.putInt(hashes[i]);
            out.putInt(days[i]);
        }
    }

    void read(ByteBuffer in) {
        int n = Short.toUnsignedInt(in.getShort());
        for (int i = 0; i < n; i++) { // written by write(): distinct, oldest first
            if (size == capacity) {
                removeAt(0);
            }
            append(in.getInt(), in.getInt());
        }
    }

    private int indexOf(int hash) {
        for (int i = 0; i < size; i++) {
            if (hashes[i] == hash) {
                return i;
            }
        }
        return -1;
    }

    private void removeAt(int i) {
        System.arraycopy(hashes, i + 1, hashes, i, size - i - 1);
        System.arraycopy(days, i + 1, days, i, size - i - 1);
        size--;
    }

    private void append(int hash, int day) {
        if (size == hashes.length) {
            int grown = Math.min(capacity, hashes.length * 2);
            hashes = Arrays.copyOf(hashes, grown);
            days = Arrays.copyOf(days, grown);
        }
        hashes[size] = hash;
        days[size] = day;
        size++;
    }
}
