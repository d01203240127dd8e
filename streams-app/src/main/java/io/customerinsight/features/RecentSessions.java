package io.customerinsight.features;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The customer's latest sessions, so that each is counted once. A session's events can arrive far apart
 * and out of order (a record without a key reaches its customer a hop later than the keyed ones beside it;
 * a backlog brings them in whatever order the tasks wrote them), so the memory reaches back
 * {@value #CAPACITY} sessions, kept as the ids' {@link String#hashCode()}s (defined by the Java platform, so
 * a state reads the same on any JVM): four bytes each where the ids themselves took twenty or more. Two ids
 * among one customer's last {@value #CAPACITY} sessions sharing a hash (about one in ten million) count as
 * one session.
 */
final class RecentSessions {
    static final int CAPACITY = 32;

    private int[] hashes = new int[0];
    /** how many sessions are held, the oldest first from {@link #start} in a ring once full */
    private int size;
    private int start;

    /** Whether this is a session not among the latest ones; it then becomes the latest. */
    boolean firstSeen(String sessionId) {
        int h = sessionId.hashCode();
        for (int i = size - 1; i >= 0; i--) { // the latest first: most events belong to it
            if (hashes[(start + i) % CAPACITY] == h) {
                return false;
            }
        }
        add(h);
        return true;
    }

    private void add(int h) {
        if (size < CAPACITY) {
            if (size == hashes.length) {
                hashes = Arrays.copyOf(hashes, Math.min(CAPACITY, Math.max(4, size * 2)));
            }
            hashes[size++] = h;
        } else {
            hashes[start] = h;
            start = (start + 1) % CAPACITY;
        }
    }

    int size() {
        return size;
    }

    int encodedSize() {
        return 1 + 4 * size;
    }

    void write(ByteBuffer out) {
        out.put((byte) size);
        for (int i = 0; i < size; i++) {
            out.putInt(hashes[(start + i) % CAPACITY]);
        }
    }

    void read(ByteBuffer in) {
        int n = Byte.toUnsignedInt(in.get());
        for (int i = 0; i < n; i++) {
            add(in.getInt());
        }
    }

    /** Formats 2 to 6 held the last four ids themselves, each with its length. */
    void readIds(ByteBuffer in) {
        int n = Byte.toUnsignedInt(in.get());
        for (int i = 0; i < n; i++) {
            byte[] id = new byte[Short.toUnsignedInt(in.getShort())];
            in.get(id);
            add(new String(id, StandardCharsets.UTF_8).hashCode());
        }
    }
}
