package io.customerinsight.features;

import io.customerinsight.events.ClickEvent;
import org.junit.jupiter.api.Test;

import static io.customerinsight.testing.Events.DAY;
import static io.customerinsight.testing.Events.HOUR;
import static io.customerinsight.testing.Events.T0;
import static org.assertj.core.api.Assertions.assertThat;

/** A session is counted once, whatever order its events arrive in. */
class SessionCountTest {
    private static final long NOW = T0 + 20 * DAY;
    private static final int SESSIONS_30D = FeatureSchema.indexOf("sessions_30d");

    private static ClickEvent view(String id, long at, String session) {
        return new ClickEvent(id, "c1", "page_view", at, session, null, null, null, null, null);
    }

    private static float sessions30d(CustomerActivity a) {
        return FeatureExtractor.extract(a, NOW)[SESSIONS_30D];
    }

    /**
     * The second event of each of ten daily sessions arrives after all the others, as a record without a key
     * does when it reaches its customer a hop later in a backlog: still ten sessions (it counted twenty).
     */
    @Test
    void eventsOfASessionArrivingLateDoNotCountItAgain() {
        CustomerActivity inOrder = new CustomerActivity();
        CustomerActivity late = new CustomerActivity();
        for (int d = 0; d < 10; d++) {
            long at = T0 + d * DAY;
            inOrder.apply(view("a" + d, at, "s" + d));
            inOrder.apply(view("b" + d, at + HOUR, "s" + d));
            late.apply(view("a" + d, at, "s" + d));
        }
        for (int d = 0; d < 10; d++) {
            late.apply(view("b" + d, T0 + d * DAY + HOUR, "s" + d));
        }

        assertThat(sessions30d(inOrder)).isEqualTo(10f);
        assertThat(sessions30d(late)).isEqualTo(10f);
    }

    @Test
    void theLatest32SessionsAreRememberedAcrossAWriteAndARead() {
        CustomerActivity a = new CustomerActivity();
        for (int i = 0; i < 40; i++) {
            a.apply(view("e" + i, T0 + i * HOUR, "s" + i));
        }
        CustomerActivity read = CustomerActivity.fromBytes(a.toBytes());
        read.apply(view("again", T0 + 41 * HOUR, "s8")); // the 33rd latest: remembered
        read.apply(view("older", T0 + 42 * HOUR, "s7")); // the 34th: forgotten, so counted again

        assertThat(sessions30d(read)).isEqualTo(41f);
    }

    /** Format 6 held the last four session ids themselves: they are remembered after the upgrade. */
    @Test
    void aFormat6StateKeepsItsSessionsWhenMigrated() {
        CustomerActivity a = new CustomerActivity();
        for (int i = 0; i < 4; i++) {
            a.apply(view("e" + i, T0 + i * HOUR, "session-" + i));
        }
        byte[] format6 = LegacyActivityBytes.withSessionIds(a.toBytes(), "session-0", "session-1", "session-2", "session-3");
        format6[0] = 6;

        CustomerActivity migrated = CustomerActivity.fromBytes(format6);
        migrated.apply(view("again", T0 + 5 * HOUR, "session-1"));
        migrated.apply(view("new", T0 + 6 * HOUR, "session-4"));

        assertThat(sessions30d(migrated)).isEqualTo(5f);
        assertThat(migrated.toBytes()[0]).as("written back in the current format").isEqualTo((byte) 7);
    }
}
