package io.customerinsight.value;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The closed forms give what model-export's value.py (scipy) gives for the same parameters and histories. */
class ValueModelTest {
    private final ValueModel model = new ValueModel("value-test", 90, new ValueModel.BgNbd(0.79, 75.7, 0.8, 2.6),
            new ValueModel.GammaGamma(2.09, 3.49, 484.0));

    /** x, t_x, T, then scipy's expected purchase days in 90 days, P(alive), expected value of a purchase day. */
    private static final double[][] REFERENCE = {
            {0, 0, 30, 0.5799821919587933, 1.0, 406.2489959839357},
            {3, 40, 120, 0.6788934231115868, 0.43960708419833244, 294.41324200913243},
            {12, 300, 330, 2.277712889381893, 0.8642030442662956, 264.1117156329343},
            {5, 100, 400, 0.026026558277309327, 0.025168258319661914, 280.0664605873261},
    };

    @Test
    void theClosedFormsMatchTheReferenceImplementation() {
        for (double[] r : REFERENCE) {
            int x = (int) r[0];
            double alive = model.probabilityAlive(x, r[1], r[2]);
            assertThat(alive).isCloseTo(r[4], within(1e-9));
            assertThat(model.expectedPurchases(90, x, r[1], r[2], alive)).isCloseTo(r[3], within(1e-9));
            assertThat(model.expectedValue(x, x == 0 ? 0 : 250.0)).isCloseTo(r[5], within(1e-9));
        }
    }

    @Test
    void hypergeometricSeriesAgreesWithKnownValues() {
        // 2F1(1, 1; 2; z) = -ln(1 - z) / z; the series stops at a relative 1e-11 (the tail past it is at
        // most z / (1 - z) times the last term)
        assertThat(ValueModel.hyp2f1(1, 1, 2, 0.5)).isCloseTo(-Math.log(0.5) / 0.5, within(1e-10));
        assertThat(ValueModel.hyp2f1(1, 1, 2, 0.95)).isCloseTo(-Math.log(0.05) / 0.95, within(1e-8));
    }
}
