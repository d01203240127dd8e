package io.customerinsight.features;

import java.nio.ByteBuffer;

/**
 * The last few ids of one kind a customer's records carried (its last records' ids, to drop one delivered
 * again; its latest sessions, to count each once), as 64-bit hashes in a ring. Hashes of 64 bits keep one id
 * from being taken for another: with 16 ids held, two collide about once in 10^18 records.
 */
public final class RecentIds {
    private final long[] hashes;
    private int size;
    private int next;

    public RecentIds(int capacity) {
        this.hashes = new long[capacity];
    }

    /** Remembers the id; false if it was already among the ids held (the record is a duplicate). */
    public boolean add(String id) {
        long h = hash(id);
        for (int i = 0; i < size; i++) {
            if (hashes[i] == h) {
                return false;
            }
        }
        push(h);
        return true;
    }

    public int encodedSize() {
        return 1 + 8 * size;
    }

    /** Oldest first, so that a reader with another capacity keeps the most recent. */
    public void write(ByteBuffer out) {
        out.put((byte) size);
        int oldest = size < hashes.length ? 0 : next;
        for (int i = 0; i < size; i++) {
            out.putLong(hashes[(oldest + i) % hashes.length]);
        }
    }

    public void read(ByteBuffer in) {
        int count = Byte.toUnsignedInt(in.get());
        for (int i = 0; i < count; i++) {
            push(in.getLong());
        }
    }

    private void push(long h) {
        hashes[next] = h;
        next = (next + 1) % hashes.length;
        size = Math.min(size + 1, hashes.length);
    }

    /** 64-bit FNV-1a over the id's characters, finished with MurmurHash3's mix so that every bit counts. */
    static long hash(String id) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < id.length(); i++) {
            h ^= id.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
