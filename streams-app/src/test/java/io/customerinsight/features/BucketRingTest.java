package io.customerinsight.features;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BucketRingTest {
    private static final long UNIT = 1_000;

    @Test
    void plannedWindowsEqualEachWindowSummedOnItsOwn() {
        int[] offsets = {0, 0, 0, 13, 5};
        int[] lengths = {13, 26, 52, 13, 3}; // nested, shifted, and one inside another's span
        BucketRing.WindowPlan plan = BucketRing.WindowPlan.of(offsets, lengths);
        Random random = new Random(3);
        for (int trial = 0; trial < 200; trial++) {
            BucketRing ring = new BucketRing(53, UNIT, 3);
            long newest = 500 + random.nextInt(100);
            for (int n = random.nextInt(80); n > 0; n--) {
                long unit = newest - random.nextInt(70); // some beyond the longest window, some overwritten
                ring.add(unit * UNIT + random.nextInt((int) UNIT), random.nextInt(3), random.nextInt(5) + 0.25);
            }
            long asOf = newest * UNIT + random.nextInt((int) UNIT) - random.nextInt(3) * UNIT;

            double[][] windows = ring.windows(asOf, plan);

            for (int w = 0; w < offsets.length; w++) {
                long end = asOf - offsets[w] * UNIT;
                for (int m = 0; m < 3; m++) {
                    assertThat(windows[w][m]).as("window %d metric %d", w, m)
                            .isCloseTo(ring.sum(m, end, lengths[w]), within(1e-9));
                }
                int active = 0;
                for (int back = 0; back < lengths[w]; back++) {
                    active += ring.get(end - back * UNIT, 0) > 0 ? 1 : 0;
                }
                assertThat(windows[w][3]).as("active units of window %d", w).isEqualTo(active);
            }
        }
    }
}
