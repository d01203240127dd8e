package io.customerinsight.customer;

import io.customerinsight.alerts.RiskLevel;
import io.customerinsight.outcomes.OpenAlert;
import io.customerinsight.events.ClickEvent;
import io.customerinsight.features.CustomerActivity;
import io.customerinsight.features.Spend;
import org.junit.jupiter.api.Test;

import java.util.List;

import java.nio.ByteBuffer;

import static io.customerinsight.testing.Events.HOUR;
import static io.customerinsight.testing.Events.T0;
import static org.assertj.core.api.Assertions.assertThat;

class CustomerStateTest {

    private static CustomerState customerState() {
        CustomerActivity activity = new CustomerActivity();
        for (int i = 0; i < 4; i++) {
            activity.apply(new ClickEvent("e" + i, "c1", "product_view", T0 + i * HOUR, "s" + i, "p-" + i, null,
                    null, null, null));
        }
        CustomerState state = new CustomerState(activity);
        state.riskLevel = RiskLevel.HIGH;
        state.lastScore = 0.87;
        state.lastScoredAt = T0 + 4 * HOUR;
        state.dueAt = T0 + 28 * HOUR;
        state.profileHash = 42;
        state.dirty = true;
        return state;
    }

    private static CustomerState withPending(CustomerState state, int snapshots) {
        for (int i = 0; i < snapshots; i++) {
            state.pending.add(Snapshot.of(state.activity, T0 + 4 * HOUR + i, false, null));
        }
        return state;
    }

    @Test
    void roundTripsWhetherItFitsTheScratchBufferOrNot() {
        for (int snapshots : new int[] {0, 60}) { // 60 pending snapshots do not fit the 16 KB scratch buffer
            CustomerState state = withPending(customerState(), snapshots);
            byte[] bytes = state.toBytes();
            CustomerState copy = CustomerState.fromBytes(bytes);
            assertThat(copy.toBytes()).isEqualTo(bytes);
            assertThat(copy.riskLevel).isEqualTo(RiskLevel.HIGH);
            assertThat(copy.lastScore).isEqualTo(0.87);
            assertThat(copy.dueAt).isEqualTo(T0 + 28 * HOUR);
            assertThat(copy.dirty).isTrue();
            assertThat(copy.activity.lastActivity()).isEqualTo(T0 + 3 * HOUR);
        }
        assertThat(withPending(customerState(), 60).toBytes().length).isGreaterThan(16 * 1024);
    }

    @Test
    void aStateWrittenInFormat1IsMigratedOnRead() {
        CustomerState original = customerState();
        byte[] activity = original.activity.toBytes();
        // format 1, as releases before event-time scoring wrote it: no format byte, no snapshots
        ByteBuffer v1 = ByteBuffer.allocate(1 + 8 * 6 + 2 + activity.length);
        v1.put((byte) RiskLevel.HIGH.ordinal()).putDouble(0.87).putLong(T0 + 4 * HOUR).putLong(T0 + HOUR)
                .putLong(T0 + 2 * HOUR).putLong(T0 + 28 * HOUR).putLong(42).put((byte) 1).put((byte) 1).put(activity);

        CustomerState migrated = CustomerState.fromBytes(v1.array());
        assertThat(migrated.riskLevel).isEqualTo(RiskLevel.HIGH);
        assertThat(migrated.lastScore).isEqualTo(0.87);
        assertThat(migrated.lastScoredAt).isEqualTo(T0 + 4 * HOUR);
        assertThat(migrated.snapshotAt).isEqualTo(T0 + 4 * HOUR); // the last scoring schedules the next
        assertThat(migrated.lastAlertAt).isEqualTo(T0 + HOUR);
        assertThat(migrated.profileSlotAt).isEqualTo(T0 + 2 * HOUR);
        assertThat(migrated.profileOwed).isTrue();
        assertThat(migrated.dueAt).isEqualTo(T0 + 28 * HOUR);
        assertThat(migrated.profileHash).isEqualTo(42);
        assertThat(migrated.pending).isEmpty();
        assertThat(migrated.activity.toBytes()).isEqualTo(activity);
        assertThat(migrated.toBytes()[0] & 0xFF).isEqualTo(0x80 | CustomerState.FORMAT); // written back as format 2
    }

    @Test
    void snapshotsWaitingForTheModelAreStoredAndOnesTakenForOtherFeaturesAreTakenAgain() {
        CustomerState state = customerState();
        state.pending.add(Snapshot.of(state.activity, T0 + 4 * HOUR, true, null));
        CustomerState copy = CustomerState.fromBytes(state.toBytes());
        assertThat(copy.pending).hasSize(1);
        assertThat(copy.pending.get(0).features()).isEqualTo(state.pending.get(0).features());
        assertThat(copy.pending.get(0).lastActivity()).isEqualTo(T0 + 3 * HOUR);

        state.pending.set(0, new Snapshot(T0 + 4 * HOUR, new float[3], T0, T0 + 3 * HOUR, Long.MIN_VALUE, true,
                null, null));
        CustomerState upgraded = CustomerState.fromBytes(state.toBytes());
        assertThat(upgraded.pending).isEmpty();
        assertThat(upgraded.dueAt).isEqualTo(T0 + 4 * HOUR);
    }

    @Test
    void openAlertsAreStoredAndAStateWrittenInFormat2IsMigratedWithNone() {
        CustomerState state = customerState();
        byte[] withoutAlerts = state.toBytes();
        state.openAlerts.add(new OpenAlert("c1:medium:1", RiskLevel.MEDIUM, "risk_increased", "churn-lgbm", "1.0.0",
                T0, 30 * 24 * HOUR, false));
        CustomerState copy = CustomerState.fromBytes(state.toBytes());
        assertThat(copy.openAlerts).isEqualTo(state.openAlerts);
        assertThat(copy.toBytes()).isEqualTo(state.toBytes());

        // format 2, as the release before alert outcomes wrote it: no count of open alerts after the snapshots,
        // nor what format 7 added after them (a cancellation time and the counts of recent ids)
        int counted = 62 + state.pending.stream().mapToInt(Snapshot::encodedSize).sum();
        byte[] format2 = without(withoutAlerts, counted, 1 + FORMAT_7_ADDED);
        format2[0] = (byte) (0x80 | 2);
        CustomerState migrated = CustomerState.fromBytes(format2);
        assertThat(migrated.openAlerts).isEmpty();
        assertThat(migrated.toBytes()).isEqualTo(withoutAlerts);
    }

    @Test
    void snapshotsKeepTheirSatisfactionAndLoyaltyAndOnesWrittenInFormat3HaveNone() {
        CustomerState state = customerState();
        state.pending.add(Snapshot.of(state.activity, T0 + 5 * HOUR, true, null));
        CustomerState copy = CustomerState.fromBytes(state.toBytes());
        assertThat(copy.pending.get(0).standing()).isEqualTo(state.pending.get(0).standing()).isNotNull();

        state.pending.set(0, Snapshot.of(state.activity, T0 + 5 * HOUR, false, null)); // may not publish: none
        byte[] current = state.toBytes();
        // format 8, as the release before money to the cent wrote it: no spend flag at the snapshot's end
        byte[] format8 = without(current, 62 + state.pending.get(0).encodedSize() - 1);
        format8[0] = (byte) (0x80 | 8);
        int end = 62 + state.pending.get(0).encodedSize() - 1; // the first byte after the format-8 snapshot
        // format 6, as the release before de-duplication wrote it: no cancellation time and no counts of recent
        // ids after the open alerts
        byte[] format6 = without(format8, end + 1, FORMAT_7_ADDED);
        format6[0] = (byte) (0x80 | 6);
        // format 5, as the release before complaint topics wrote it: no complaint count after a snapshot
        byte[] format5 = without(format6, end - 1);
        format5[0] = (byte) (0x80 | 5);
        // format 4, as the release before product suggestions wrote it: no product count either
        byte[] format4 = without(format5, end - 2);
        format4[0] = (byte) (0x80 | 4);
        // format 3, as the release before satisfaction wrote it: no standing flag either
        byte[] format3 = without(format4, end - 3);
        format3[0] = (byte) (0x80 | 3);
        for (byte[] old : List.of(format8, format6, format5, format4, format3)) {
            CustomerState migrated = CustomerState.fromBytes(old);
            assertThat(migrated.pending).hasSize(1);
            assertThat(migrated.pending.get(0).features()).isEqualTo(state.pending.get(0).features());
            assertThat(migrated.pending.get(0).recentProducts()).isEmpty();
            assertThat(migrated.toBytes()).isEqualTo(current);
        }
    }

    @Test
    void snapshotsKeepTheRecentProductsTheirAlertsSuggestFrom() {
        CustomerState state = customerState();
        state.pending.add(Snapshot.of(state.activity, T0 + 5 * HOUR, true, null, 3));
        assertThat(state.pending.get(0).recentProducts()).as("the most recent first")
                .containsExactly("p-3".hashCode(), "p-2".hashCode(), "p-1".hashCode());
        CustomerState copy = CustomerState.fromBytes(state.toBytes());
        assertThat(copy.pending.get(0).recentProducts()).isEqualTo(state.pending.get(0).recentProducts());
    }

    @Test
    void theIdsOfRecentRecordsAreStoredSoThatARecordDeliveredAgainAfterARestartIsStillKnown() {
        CustomerState state = customerState();
        ClickEvent click = new ClickEvent("e-9", "c1", "purchase", T0 + 5 * HOUR, "s", "p-1", null, 10.0, null, null);
        assertThat(state.delivered.firstDelivery(click)).isTrue();
        assertThat(state.delivered.firstDelivery(click)).isFalse();

        CustomerState copy = CustomerState.fromBytes(state.toBytes());
        assertThat(copy.delivered.firstDelivery(click)).as("known after a round trip").isFalse();
        for (int i = 0; i < DeliveredIds.CLICKS; i++) {
            assertThat(copy.delivered.firstDelivery(new ClickEvent("other-" + i, "c1", "page_view", T0, "s", null, null, null,
                    null, null))).isTrue();
        }
        assertThat(copy.delivered.firstDelivery(click)).as("forgotten after as many newer clicks as are held").isTrue();
        assertThat(CustomerState.fromBytes(copy.toBytes()).toBytes()).isEqualTo(copy.toBytes());
    }

    @Test
    void aCancellationTheCustomerHasNotComeBackFromIsStored() {
        CustomerState state = customerState();
        assertThat(CustomerState.fromBytes(state.toBytes()).cancelled()).isFalse();
        state.cancelledAt = T0 + 6 * HOUR;
        CustomerState copy = CustomerState.fromBytes(state.toBytes());
        assertThat(copy.cancelled()).isTrue();
        assertThat(copy.cancelledAt).isEqualTo(T0 + 6 * HOUR);
        copy.usedShopAt(T0 + 5 * HOUR);
        assertThat(copy.cancelled()).as("activity before the cancel is no return").isTrue();
        copy.usedShopAt(T0 + 7 * HOUR);
        assertThat(copy.cancelled()).isFalse();
    }

    @Test
    void whetherASnapshotHoldsAVisitsStartIsStoredAndAStateWrittenInFormat7HasNone() {
        CustomerState state = customerState();
        state.riskSignalLast = true;
        state.pending.add(Snapshot.of(state.activity, T0 + 3 * HOUR, true, null, 0, true));
        CustomerState copy = CustomerState.fromBytes(state.toBytes());
        assertThat(copy.riskSignalLast).isTrue();
        assertThat(copy.pending.get(0).visitStart()).isTrue();
        assertThat(copy.pending.get(0).mayPublishProfile()).isTrue();

        // format 7 wrote format 8's layout, with 0 in the header's spare byte and 0 or 1 in a snapshot's flags;
        // format 8 is format 9 without the spend at a snapshot's end (here a snapshot that publishes none)
        state.riskSignalLast = false;
        state.pending.set(0, Snapshot.of(state.activity, T0 + 3 * HOUR, false, null, 0, false));
        byte[] current = state.toBytes();
        byte[] format7 = without(current, 62 + state.pending.get(0).encodedSize() - 1);
        format7[0] = (byte) (0x80 | 7);
        CustomerState migrated = CustomerState.fromBytes(format7);
        assertThat(migrated.riskSignalLast).isFalse();
        assertThat(migrated.pending.get(0).visitStart()).as("decided as a quiet point's").isFalse();
        assertThat(migrated.pending.get(0).mayPublishProfile()).isFalse();
        assertThat(migrated.toBytes()).isEqualTo(current);
    }

    @Test
    void snapshotsKeepTheSpendToTheCentAndOnesWrittenInFormat8HaveNone() {
        CustomerState state = customerState();
        state.activity.apply(new ClickEvent("big", "c1", "purchase", T0 + 4 * HOUR, "s", null, null, 280_206.02,
                "GBP", null));
        state.pending.add(Snapshot.of(state.activity, T0 + 5 * HOUR, true, null));
        assertThat(state.pending.get(0).spend().lifetime()).isEqualTo(280_206.02);
        byte[] current = state.toBytes();
        assertThat(CustomerState.fromBytes(current).pending.get(0).spend()).isEqualTo(state.pending.get(0).spend());

        int end = 62 + state.pending.get(0).encodedSize(); // the first byte after the snapshot
        // format 8, as the release before wrote it: the snapshot ends with its complaints
        byte[] format8 = without(current, end - 1 - Spend.ENCODED_SIZE, 1 + Spend.ENCODED_SIZE);
        format8[0] = (byte) (0x80 | 8);
        CustomerState migrated = CustomerState.fromBytes(format8);
        assertThat(migrated.pending).hasSize(1);
        assertThat(migrated.pending.get(0).spend()).as("its profile writes the features' floats").isNull();
        assertThat(migrated.pending.get(0).standing()).isEqualTo(state.pending.get(0).standing());
        assertThat(migrated.pending.get(0).features()).isEqualTo(state.pending.get(0).features());
        assertThat(migrated.activity.lastPurchase()).isEqualTo(T0 + 4 * HOUR);
    }

    @Test
    void whetherTheProfileOfTheSlotsPointWasPublishedIsStoredAndAStateWrittenInFormat9HasIt() {
        CustomerState state = customerState();
        state.profileSlotAt = T0 + HOUR;
        state.slotPublished = true;
        state.profileOwed = true;
        CustomerState copy = CustomerState.fromBytes(state.toBytes());
        assertThat(copy.slotPublished).isTrue();
        assertThat(copy.profileOwed).isTrue();

        // format 9 wrote the same layout with 0 or 1 in the owed byte; a profile owed is all it said
        byte[] format9 = state.toBytes();
        format9[0] = (byte) (0x80 | 9);
        format9[62 - 3] = 1;
        CustomerState migrated = CustomerState.fromBytes(format9);
        assertThat(migrated.profileOwed).isTrue();
        assertThat(migrated.slotPublished).as("not known: a point taken again publishes only on a change").isFalse();
    }

    /** what format 7 added after the open alerts, when no id is held: a cancellation time and two counts */
    private static final int FORMAT_7_ADDED = 8 + 2;

    private static byte[] without(byte[] bytes, int from, int count) {
        byte[] out = new byte[bytes.length - count];
        System.arraycopy(bytes, 0, out, 0, from);
        System.arraycopy(bytes, from + count, out, from, bytes.length - from - count);
        return out;
    }

    private static byte[] without(byte[] bytes, int index) {
        byte[] out = new byte[bytes.length - 1];
        System.arraycopy(bytes, 0, out, 0, index);
        System.arraycopy(bytes, index + 1, out, index, bytes.length - index - 1);
        return out;
    }
}
