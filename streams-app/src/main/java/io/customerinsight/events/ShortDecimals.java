package io.customerinsight.events;

/**
 * The shortest decimals of numbers with few fraction digits, found by scaling instead of Jackson's general
 * search (about a tenth of its time on the profiles' numbers: spend to the cent, scores to four decimals,
 * float features of a few digits). Only for magnitudes that Java and Jackson write without an exponent,
 * 0.001 up to 10^7; anything else is left to Jackson ({@link #NONE}).
 * <p>
 * Why scaling finds the shortest: the decimal {@code m / 10^k} with the fewest fraction digits {@code k}
 * whose nearest double is the number itself is in the number's rounding interval, and no decimal with fewer
 * digits is (the nearest of each shorter length is not). Dividing two exact doubles rounds correctly, so
 * {@code m / 10^k == d} tests exactly that.
 */
final class ShortDecimals {
    static final int NONE = -1;
    private static final double[] POW10 = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12};
    /** below 2^53 a whole double is exact */
    private static final double MAX_EXACT = 9.007199254740992E15;
    /** from 2^23 every float is whole */
    private static final float FLOAT_LIMIT = 8_388_608f;

    private ShortDecimals() {
    }

    /** The fewest fraction digits of {@code d}'s shortest decimal, or {@link #NONE} (whole numbers are NONE). */
    static int fractionDigits(double d) {
        double a = Math.abs(d);
        if (!(a >= 1e-3 && a < 1e7)) {
            return NONE;
        }
        for (int k = 1; k < POW10.length; k++) {
            double scaled = a * POW10[k];
            if (scaled >= MAX_EXACT) {
                return NONE;
            }
            if (Math.rint(scaled) / POW10[k] == a) {
                return k;
            }
        }
        return NONE;
    }

    /**
     * The fewest fraction digits of the float's shortest decimal, or {@link #NONE} (whole numbers, and floats
     * outside the range this handles). A non-whole float below 2^23 is never within half a unit of a whole
     * number, so its shortest decimal has at least one fraction digit.
     */
    static int fractionDigits(float f) {
        float a = Math.abs(f);
        if (!(a >= 1e-3f && a < FLOAT_LIMIT)) {
            return NONE;
        }
        for (int k = 1; k < POW10.length; k++) {
            double scaled = a * POW10[k];
            if (scaled >= MAX_EXACT) {
                return NONE;
            }
            if ((float) (Math.rint(scaled) / POW10[k]) == a) {
                return k;
            }
        }
        return NONE;
    }

    /** The double nearest to the float's shortest decimal, which has {@code k} fraction digits. */
    static double asWritten(float f, int k) {
        double decimal = Math.rint(Math.abs(f) * POW10[k]) / POW10[k];
        return f < 0 ? -decimal : decimal;
    }

    /** Writes {@code d}, which has {@code k} fraction digits, into {@code out}; returns the length. */
    static int format(double d, int k, char[] out) {
        long m = (long) Math.rint(Math.abs(d) * POW10[k]);
        int length = 0;
        if (d < 0) {
            out[length++] = '-';
        }
        long unit = (long) POW10[k];
        length = digits(m / unit, out, length);
        out[length++] = '.';
        long fraction = m % unit;
        for (long place = unit / 10; place > 0; place /= 10) {
            out[length++] = (char) ('0' + fraction / place % 10);
        }
        return length;
    }

    private static int digits(long n, char[] out, int at) {
        if (n == 0) {
            out[at] = '0';
            return at + 1;
        }
        int end = at;
        for (long rest = n; rest > 0; rest /= 10) {
            end++;
        }
        int i = end;
        for (long rest = n; rest > 0; rest /= 10) {
            out[--i] = (char) ('0' + rest % 10);
        }
        return end;
    }
}
