package io.customerinsight.features;

import java.nio.ByteBuffer;

/**
 * A customer's whole purchase history as customer value models read it (BG/NBD, Gamma-Gamma): purchases
 * counted by day (several on one day are one purchase day, their values summed), the first and the last
 * purchase day, and the value of the repeat days (every purchase day after the first). Constant size,
 * however long the history. A late purchase on a day already counted adds to its value; one on a day before
 * the first becomes the new first day (and the old first day a repeat day).
 */
public final class PurchaseDays {
    static final int ENCODED_SIZE = 4 + 4 + 4 + 8 + 8;
    private static final int NONE = Integer.MIN_VALUE;

    private int firstDay = NONE;
    private int lastDay = NONE;
    private int days;
    private double firstDayValue;
    private double totalValue;

    /** @param newDay whether the day had no purchase yet (the daily buckets know, for any day they can hold) */
    void add(long day, double value, boolean newDay) {
        int d = (int) day;
        totalValue += value;
        if (firstDay == NONE) {
            firstDay = d;
            lastDay = d;
            days = 1;
            firstDayValue = value;
            return;
        }
        if (!newDay) {
            firstDayValue += d == firstDay ? value : 0;
            return;
        }
        days++;
        if (d < firstDay) {
            firstDay = d;
            firstDayValue = value;
        }
        lastDay = Math.max(lastDay, d);
    }

    public boolean any() {
        return firstDay != NONE;
    }

    /** BG/NBD's x: purchase days after the first. */
    public int repeatDays() {
        return Math.max(0, days - 1);
    }

    /** Days from the first purchase day to the last (BG/NBD's t_x). */
    public int span() {
        return any() ? lastDay - firstDay : 0;
    }

    /** The customer's typical gap between purchase days: the span over the repeat days (0 without a repeat). */
    public double meanGapDays() {
        int repeat = repeatDays();
        return repeat == 0 ? 0 : span() / (double) repeat;
    }

    public int firstDay() {
        return firstDay;
    }

    /** The value of every purchase. */
    public double totalValue() {
        return totalValue;
    }

    /** The mean value of a repeat purchase day (Gamma-Gamma's m), 0 without one. */
    public double meanRepeatValue() {
        int repeat = repeatDays();
        return repeat == 0 ? 0 : (totalValue - firstDayValue) / repeat;
    }

    void write(ByteBuffer out) {
        out.putInt(firstDay);
        out.putInt(lastDay);
        out.putInt(days);
        out.putDouble(firstDayValue);
        out.putDouble(totalValue);
    }

    void read(ByteBuffer in) {
        firstDay = in.getInt();
        lastDay = in.getInt();
        days = in.getInt();
        firstDayValue = in.getDouble();
        totalValue = in.getDouble();
    }
}
