package io.customerinsight.customer;

import io.customerinsight.alerts.RiskLevel;
import io.customerinsight.features.CustomerActivity;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/** The value of the customer store: behaviour plus the bookkeeping of scoring, alerts and profiles. */
final class CustomerState {
    private static final int HEADER = 1 + 8 * 6 + 1 + 1;
    private static final long NEVER = Long.MIN_VALUE;

    final CustomerActivity activity;
    RiskLevel riskLevel = RiskLevel.LOW;
    /** the churn probability of the last scoring (NaN before the first) */
    double lastScore = Double.NaN;
    long lastScoredAt = NEVER;
    long lastAlertAt = NEVER;
    long lastProfileAt = NEVER;
    long dueAt = NEVER;
    /** hash of the last published profile without its timestamp, to publish only on change */
    long profileHash;
    /** events arrived since the last scoring */
    boolean dirty;
    /** a profile is owed but was held back by the rate limit */
    boolean profilePending;

    CustomerState(CustomerActivity activity) {
        this.activity = activity;
    }

    static final Serde<CustomerState> SERDE = Serdes.serdeFrom(
            (topic, s) -> s == null ? null : s.toBytes(),
            (topic, b) -> b == null ? null : fromBytes(b));

    /** Most states fit: writing into it and copying once spares a sizing pass over every bucket. */
    private static final ThreadLocal<ByteBuffer> SCRATCH = ThreadLocal.withInitial(() -> ByteBuffer.allocate(16 * 1024));

    byte[] toBytes() {
        ByteBuffer scratch = SCRATCH.get().clear();
        try {
            write(scratch);
            return Arrays.copyOf(scratch.array(), scratch.position());
        } catch (BufferOverflowException tooBig) {
            ByteBuffer exact = ByteBuffer.allocate(HEADER + activity.encodedSize());
            write(exact);
            return exact.array();
        }
    }

    private void write(ByteBuffer buf) {
        buf.put((byte) riskLevel.ordinal());
        buf.putDouble(lastScore);
        buf.putLong(lastScoredAt);
        buf.putLong(lastAlertAt);
        buf.putLong(lastProfileAt);
        buf.putLong(dueAt);
        buf.putLong(profileHash);
        buf.put((byte) (dirty ? 1 : 0));
        buf.put((byte) (profilePending ? 1 : 0));
        activity.write(buf);
    }

    static CustomerState fromBytes(byte[] bytes) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        RiskLevel level = RiskLevel.values()[buf.get()];
        double score = buf.getDouble();
        long scoredAt = buf.getLong();
        long alertAt = buf.getLong();
        long profileAt = buf.getLong();
        long due = buf.getLong();
        long hash = buf.getLong();
        boolean dirty = buf.get() == 1;
        boolean pending = buf.get() == 1;
        CustomerState s = new CustomerState(CustomerActivity.read(buf));
        s.riskLevel = level;
        s.lastScore = score;
        s.lastScoredAt = scoredAt;
        s.lastAlertAt = alertAt;
        s.lastProfileAt = profileAt;
        s.dueAt = due;
        s.profileHash = hash;
        s.dirty = dirty;
        s.profilePending = pending;
        return s;
    }
}
