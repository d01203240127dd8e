package io.customerinsight.customer;

import io.customerinsight.alerts.RiskLevel;
import io.customerinsight.events.ClickEvent;
import io.customerinsight.features.CustomerActivity;
import org.junit.jupiter.api.Test;

import static io.customerinsight.testing.Events.HOUR;
import static io.customerinsight.testing.Events.T0;
import static org.assertj.core.api.Assertions.assertThat;

class CustomerStateTest {

    private static CustomerState stateWithSessionIdsOf(int length) {
        CustomerActivity activity = new CustomerActivity();
        for (int i = 0; i < 4; i++) {
            String session = String.valueOf((char) ('a' + i)).repeat(length);
            activity.apply(new ClickEvent("e" + i, "c1", "product_view", T0 + i * HOUR, session, "p-" + i, null,
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

    @Test
    void roundTripsWhetherItFitsTheScratchBufferOrNot() {
        for (int length : new int[] {16, 5_000}) { // 4 sessions of 5,000 bytes do not fit the 16 KB scratch buffer
            CustomerState state = stateWithSessionIdsOf(length);
            byte[] bytes = state.toBytes();
            CustomerState copy = CustomerState.fromBytes(bytes);
            assertThat(copy.toBytes()).isEqualTo(bytes);
            assertThat(copy.riskLevel).isEqualTo(RiskLevel.HIGH);
            assertThat(copy.lastScore).isEqualTo(0.87);
            assertThat(copy.dueAt).isEqualTo(T0 + 28 * HOUR);
            assertThat(copy.dirty).isTrue();
            assertThat(copy.activity.lastActivity()).isEqualTo(T0 + 3 * HOUR);
        }
        assertThat(stateWithSessionIdsOf(5_000).toBytes().length).isGreaterThan(16 * 1024);
    }
}
