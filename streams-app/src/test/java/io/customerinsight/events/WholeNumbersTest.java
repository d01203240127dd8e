package io.customerinsight.events;

import com.fasterxml.jackson.core.io.NumberOutput;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class WholeNumbersTest {
    @Test
    void aFloatIsWrittenAsItsShortestDecimalWhichReadsBackAsTheSameFloat() throws Exception {
        assertThat(WholeNumbers.asWritten(130.85f)).isEqualTo(130.85).isNotEqualTo((double) 130.85f);
        assertThat(WholeNumbers.asWritten(0.6080012f)).isEqualTo(0.6080012);
        assertThat(WholeNumbers.asWritten(12f)).isEqualTo(12.0);
        assertThat(WholeNumbers.asWritten(-0.5f)).isEqualTo(-0.5);
        assertThat(WholeNumbers.asWritten(Float.NaN)).isNaN();
        Random random = new Random(11);
        for (int i = 0; i < 100_000; i++) {
            float f = Float.intBitsToFloat(random.nextInt());
            if (Float.isNaN(f)) {
                continue;
            }
            double written = WholeNumbers.asWritten(f);
            assertThat((float) written).as("%s", f).isEqualTo(f);
            // as Jackson writes it into the JSON: the float's digits, not those of the widened float
            assertThat(NumberOutput.toString(written, true).length()).as("%s", f)
                    .isLessThanOrEqualTo(NumberOutput.toString(f, true).length() + 2);
        }
    }
}
