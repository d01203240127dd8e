package io.customerinsight.events;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.NumberInput;
import com.fasterxml.jackson.core.io.NumberOutput;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringWriter;
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

    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER).build();

    @Test
    void numbersWithFewDecimalsAreWrittenAsJacksonWritesThemAndFloatsReadBackAsJacksonsText() throws Exception {
        assertThat(written(130.85)).isEqualTo("130.85");
        assertThat(written(-0.0012)).isEqualTo("-0.0012");
        assertThat(written(0.1234)).isEqualTo("0.1234");
        assertThat(written(1234567.5)).isEqualTo("1234567.5");
        assertThat(written(0.6080012f)).isEqualTo("0.6080012");
        Random random = new Random(5);
        for (int i = 0; i < 200_000; i++) {
            double d = switch (i % 3) {
                case 0 -> Math.round(random.nextDouble() * Math.pow(10, random.nextInt(12)))
                        / Math.pow(10, random.nextInt(13));
                case 1 -> (random.nextBoolean() ? -1 : 1) * random.nextDouble() * Math.pow(10, random.nextInt(16) - 6);
                default -> Double.longBitsToDouble(random.nextLong());
            };
            if (Double.isFinite(d)) {
                assertThat(written(d)).as("%s", d).isEqualTo(jackson(d));
            }
            float f = i % 2 == 0 ? Float.intBitsToFloat(random.nextInt())
                    : (float) (Math.round(random.nextDouble() * 1e6) / Math.pow(10, random.nextInt(9)));
            if (Float.isFinite(f)) {
                assertThat(written(f)).as("%s", f).isEqualTo(jackson(f));
                assertThat(WholeNumbers.asWritten(f)).as("%s", f)
                        .isEqualTo(NumberInput.parseDouble(NumberOutput.toString(f, true), true));
            }
        }
    }

    private interface Writing {
        void write(JsonGenerator gen) throws IOException;
    }

    private static String text(Writing writing) throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator gen = JSON.createGenerator(out)) {
            writing.write(gen);
        }
        return out.toString();
    }

    private static String written(double d) throws IOException {
        return text(gen -> WholeNumbers.write(gen, d));
    }

    private static String written(float f) throws IOException {
        return text(gen -> WholeNumbers.write(gen, f));
    }

    /** Jackson's own shortest decimals, whole numbers as integers. */
    private static String jackson(double d) throws IOException {
        return d == (long) d && Math.abs(d) <= 9.007199254740992E15 ? Long.toString((long) d)
                : text(gen -> gen.writeNumber(d));
    }

    private static String jackson(float f) throws IOException {
        return f == (int) f && Math.abs(f) <= 16_777_216f ? Integer.toString((int) f) : text(gen -> gen.writeNumber(f));
    }
}
