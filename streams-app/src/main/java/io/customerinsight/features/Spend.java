package io.customerinsight.features;

import java.nio.ByteBuffer;

/**
 * A customer's spend as the profile writes it, to the cent: the features of the same names
 * ({@code spend_30d}, {@code spend_365d}, {@code spend_lifetime}) are 32-bit floats, as the model reads them,
 * which hold money to the cent only below 131,072. Sums of the same buckets, added in doubles; the lifetime
 * total is kept in a double. A bucket itself is a float, so the 30 (365) days' sum is exact to the cent while
 * each day's (week's) spend stays below 131,072.
 */
public record Spend(double last30d, double last365d, double lifetime) {
    public static final int ENCODED_SIZE = 3 * 8;

    public static Spend of(CustomerActivity a, long asOf) {
        return new Spend(cents(a.days.sum(Metric.SPEND.ordinal(), asOf, 30)),
                cents(a.longHistory.weeks.sum(WeeklyMetric.SPEND.ordinal(), asOf, 52)),
                cents(a.longHistory.lifetime(WeeklyMetric.SPEND)));
    }

    public void write(ByteBuffer out) {
        out.putDouble(last30d);
        out.putDouble(last365d);
        out.putDouble(lifetime);
    }

    public static Spend read(ByteBuffer in) {
        return new Spend(in.getDouble(), in.getDouble(), in.getDouble());
    }

    private static double cents(double amount) {
        return Math.round(amount * 100) / 100.0;
    }
}
