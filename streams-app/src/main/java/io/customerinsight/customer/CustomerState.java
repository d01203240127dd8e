package io.customerinsight.customer;

import io.customerinsight.alerts.RiskLevel;
import io.customerinsight.features.CustomerActivity;
import io.customerinsight.features.FeatureSchema;
import io.customerinsight.outcomes.OpenAlert;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The value of the customer store: behaviour plus the bookkeeping of scoring, alerts and profiles.
 *
 * <p>Scoring has two steps: a {@link Snapshot} of the features as of a scoring point, taken when stream time
 * reaches it, and the batched model call that decides on it later. {@code snapshotAt} schedules the next
 * point; {@code lastScoredAt} and {@code lastScore} are those of the last decided snapshot.
 */
final class CustomerState {
    /**
     * The store format. Format 1 (releases before event-time scoring) began with the risk level's ordinal
     * (0-2); from format 2 the first byte has its high bit set and carries the format number. Format 3 adds the
     * open alerts (outcomes not decided yet) after the pending snapshots; a format-2 state has none. Format 4
     * stores a snapshot's satisfaction and loyalty with it; a snapshot of an older format has none (its profile
     * goes out without them). Format 5 stores a snapshot's recent products, for the suggestions of its alert;
     * a snapshot of an older format has none. Format 6 stores a snapshot's complaints per aspect; an older one
     * has none. Format 7 stores, after the open alerts, the time of a cancellation the customer has not come
     * back from and the ids of their last clicks and feedback messages (as hashes, for de-duplication); an
     * older state has neither. Format 8 uses the header's spare byte for whether a risk signal is among the
     * events at the customer's latest event time, and a snapshot's flags byte for whether it holds a visit's start;
     * an older state has neither (its snapshots are decided as those of quiet points), in the same layout.
     * Format 9 stores with a snapshot that may publish a profile the customer's spend to the cent; an older
     * snapshot has none (its profile writes the spend as the features' floats). Format 10 uses the second bit
     * of the profile-owed byte for whether the profile of the slot's point was published; an older state has
     * it unset (a point taken again then publishes only on a change), in the same layout.
     */
    static final int FORMAT = 10;
    /** at most this many alerts wait for their outcome; an older one is dropped (and counted) beyond it */
    static final int MAX_OPEN_ALERTS = 8;
    private static final int TAGGED = 0x80;
    private static final long NEVER = Long.MIN_VALUE;

    final CustomerActivity activity;
    RiskLevel riskLevel = RiskLevel.LOW;
    /** the churn probability of the last decided scoring (NaN before the first) */
    double lastScore = Double.NaN;
    long lastScoredAt = NEVER;
    long lastAlertAt = NEVER;
    /** the scoring point (event time) this customer is next due at */
    long dueAt = NEVER;
    /** the scoring point of the last snapshot taken */
    long snapshotAt = NEVER;
    /** the scoring point of the last snapshot allowed to publish a profile */
    long profileSlotAt = NEVER;
    /** hash of the last published profile without its timestamp, to publish only on change */
    long profileHash;
    /** events arrived since the last snapshot */
    boolean dirty;
    /** a snapshot was not allowed to publish its profile (the rate limit): one is owed */
    boolean profileOwed;
    /**
     * the profile of the point at {@code profileSlotAt} was published, not left unchanged: taken again with a
     * late event, the point publishes its profile again if its score moved at all
     */
    boolean slotPublished;
    /** a risk signal (a support contact, a cancel, negative feedback) is among the events at the latest event time */
    boolean riskSignalLast;
    /** snapshots taken and not yet decided, oldest first */
    final List<Snapshot> pending = new ArrayList<>(1);
    /** alerts sent whose outcome is not decided yet, oldest first */
    final List<OpenAlert> openAlerts = new ArrayList<>(0);
    final DeliveredIds delivered;
    /** the event time of the customer's last cancellation, until they come back ({@code NEVER}: none) */
    long cancelledAt = NEVER;
    /** the profile waiting for the task's commit ({@link HeldProfiles}); never stored */
    ProfilePublisher.Draft heldProfile;

    CustomerState(CustomerActivity activity) {
        this(activity, new DeliveredIds());
    }

    private CustomerState(CustomerActivity activity, DeliveredIds delivered) {
        this.activity = activity;
        this.delivered = delivered;
    }

    /** Whether the customer cancelled and has not come back since. */
    boolean cancelled() {
        return cancelledAt != NEVER;
    }

    /** A click at {@code time} that shows the customer using the shop: a cancellation before it is over. */
    void usedShopAt(long time) {
        if (time > cancelledAt) {
            cancelledAt = NEVER;
        }
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
            ByteBuffer exact = ByteBuffer.allocate(encodedSize());
            write(exact);
            return exact.array();
        }
    }

    private int encodedSize() {
        int size = 2 + 8 * 7 + 3 + 1 + activity.encodedSize();
        for (Snapshot s : pending) {
            size += s.encodedSize();
        }
        size += 1;
        for (OpenAlert a : openAlerts) {
            size += a.encodedSize();
        }
        return size + 8 + delivered.encodedSize();
    }

    private void write(ByteBuffer buf) {
        buf.put((byte) (TAGGED | FORMAT));
        buf.put((byte) riskLevel.ordinal());
        buf.putDouble(lastScore);
        buf.putLong(lastScoredAt);
        buf.putLong(lastAlertAt);
        buf.putLong(dueAt);
        buf.putLong(snapshotAt);
        buf.putLong(profileSlotAt);
        buf.putLong(profileHash);
        buf.put((byte) (dirty ? 1 : 0));
        buf.put((byte) ((profileOwed ? 1 : 0) | (slotPublished ? 2 : 0)));
        buf.put((byte) (riskSignalLast ? 1 : 0));
        buf.put((byte) pending.size());
        for (Snapshot s : pending) {
            s.write(buf);
        }
        buf.put((byte) openAlerts.size());
        for (OpenAlert a : openAlerts) {
            a.write(buf);
        }
        buf.putLong(cancelledAt);
        delivered.write(buf);
        activity.write(buf);
    }

    static CustomerState fromBytes(byte[] bytes) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        int first = Byte.toUnsignedInt(buf.get(0));
        if ((first & TAGGED) == 0) {
            return fromFormat1(buf);
        }
        int format = first & ~TAGGED;
        if (format < 2 || format > FORMAT) {
            throw new IllegalStateException("customer state in format " + format
                    + ", this version reads formats 1 to " + FORMAT);
        }
        buf.get();
        RiskLevel level = RiskLevel.values()[buf.get()];
        double score = buf.getDouble();
        long scoredAt = buf.getLong();
        long alertAt = buf.getLong();
        long due = buf.getLong();
        long snapshot = buf.getLong();
        long slot = buf.getLong();
        long hash = buf.getLong();
        boolean dirty = buf.get() == 1;
        byte profileFlags = buf.get(); // 0 or 1 before format 10
        boolean owed = (profileFlags & 1) != 0;
        boolean slotPublished = format >= 10 && (profileFlags & 2) != 0;
        byte spare = buf.get(); // written 0 before format 8
        boolean riskSignal = format >= 8 && spare == 1;
        int pendingCount = Byte.toUnsignedInt(buf.get());
        List<Snapshot> pending = new ArrayList<>(pendingCount);
        for (int i = 0; i < pendingCount; i++) {
            pending.add(Snapshot.read(buf, format >= 4, format >= 5, format >= 6, format >= 8, format >= 9));
        }
        List<OpenAlert> open = new ArrayList<>();
        if (format >= 3) {
            int openCount = Byte.toUnsignedInt(buf.get());
            for (int i = 0; i < openCount; i++) {
                open.add(OpenAlert.read(buf));
            }
        }
        DeliveredIds delivered = new DeliveredIds();
        long cancelled = NEVER;
        if (format >= 7) {
            cancelled = buf.getLong();
            delivered.read(buf);
        }
        CustomerState s = new CustomerState(CustomerActivity.read(buf), delivered);
        s.openAlerts.addAll(open);
        s.riskLevel = level;
        s.lastScore = score;
        s.lastScoredAt = scoredAt;
        s.lastAlertAt = alertAt;
        s.dueAt = due;
        s.snapshotAt = snapshot;
        s.profileSlotAt = slot;
        s.profileHash = hash;
        s.dirty = dirty;
        s.profileOwed = owed;
        s.slotPublished = slotPublished;
        s.riskSignalLast = riskSignal;
        s.cancelledAt = cancelled;
        for (Snapshot p : pending) {
            if (p.features().length == FeatureSchema.size()) {
                s.pending.add(p);
            } else {
                // taken for other features (an upgrade between snapshot and decision): taken again
                s.dueAt = Math.min(s.dueAt, p.asOf());
                s.dirty = true;
            }
        }
        return s;
    }

    /**
     * Format 1: no snapshots; the last scoring was its own scheduling base and the last published profile its
     * own rate-limit slot. Migrated on read; written back in the current format.
     */
    private static CustomerState fromFormat1(ByteBuffer buf) {
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
        s.snapshotAt = scoredAt;
        s.lastAlertAt = alertAt;
        s.profileSlotAt = profileAt;
        s.dueAt = due;
        s.profileHash = hash;
        s.dirty = dirty;
        s.profileOwed = pending;
        return s;
    }
}
