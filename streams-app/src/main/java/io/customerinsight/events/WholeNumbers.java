package io.customerinsight.events;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.NumberInput;
import com.fasterxml.jackson.core.io.NumberOutput;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

import java.io.IOException;

/** Serializers that write a float or double holding a whole number as an integer. */
public final class WholeNumbers {
    /** below 2^53 every whole double is exact as a long; floats are exact as ints below 2^24 */
    private static final double MAX_EXACT_DOUBLE = 9.007199254740992E15;
    private static final float MAX_EXACT_FLOAT = 16_777_216f;

    static final StdSerializer<Float> FLOAT = new StdSerializer<>(Float.class) {
        @Override
        public void serialize(Float value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            write(gen, value);
        }
    };

    static final StdSerializer<Double> DOUBLE = new StdSerializer<>(Double.class) {
        @Override
        public void serialize(Double value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            write(gen, value);
        }
    };

    private WholeNumbers() {
    }

    /** Writes {@code d}, as an integer if it holds a whole number. */
    public static void write(JsonGenerator gen, double d) throws IOException {
        if (d == (long) d && Math.abs(d) <= MAX_EXACT_DOUBLE) {
            gen.writeNumber((long) d);
            return;
        }
        int fractionDigits = ShortDecimals.fractionDigits(d);
        if (fractionDigits == ShortDecimals.NONE) {
            gen.writeNumber(d);
        } else {
            writeDecimal(gen, d, fractionDigits);
        }
    }

    private static void writeDecimal(JsonGenerator gen, double d, int fractionDigits) throws IOException {
        char[] text = new char[24];
        gen.writeNumber(text, 0, ShortDecimals.format(d, fractionDigits, text));
    }

    /**
     * The float's shortest decimal as a double: features are float32, and widening 130.85f gives
     * 130.85000610351562, which a reader would take for a value of its own. A whole number widens exactly.
     */
    public static double asWritten(float f) {
        if (f == (int) f && Math.abs(f) <= MAX_EXACT_FLOAT) {
            return f;
        }
        int fractionDigits = ShortDecimals.fractionDigits(f);
        if (fractionDigits != ShortDecimals.NONE) {
            return ShortDecimals.asWritten(f, fractionDigits);
        }
        // Jackson's shortest-decimal writer and fast parser: on Java 17 the JDK's own take several times longer
        return NumberInput.parseDouble(NumberOutput.toString(f, true), true);
    }

    /** Writes {@code f}, as an integer if it holds a whole number. */
    public static void write(JsonGenerator gen, float f) throws IOException {
        if (f == (int) f && Math.abs(f) <= MAX_EXACT_FLOAT) {
            gen.writeNumber((int) f);
            return;
        }
        int fractionDigits = ShortDecimals.fractionDigits(f);
        if (fractionDigits == ShortDecimals.NONE) {
            gen.writeNumber(f);
        } else {
            writeDecimal(gen, ShortDecimals.asWritten(f, fractionDigits), fractionDigits);
        }
    }
}
