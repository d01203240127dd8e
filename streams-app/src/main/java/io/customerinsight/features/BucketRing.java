package io.customerinsight.features;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.TreeSet;
import java.util.function.BiConsumer;

/**
 * A ring of fixed-width time buckets (tumbling, aligned to the epoch) holding per-metric sums. A slot is
 * reused when a newer bucket maps onto it, so memory is bounded whatever the customer's history length.
 * Window queries sum the buckets whose index lies in (unit(asOf) - n, unit(asOf)].
 */
final class BucketRing {
    private static final long EMPTY = Long.MIN_VALUE;

    private final long unitMs;
    private final int metrics;
    private final long[] tags;
    private final float[][] values; // float, as stored: a decoded copy equals a stored one

    BucketRing(int slots, long unitMs, int metrics) {
        this.unitMs = unitMs;
        this.metrics = metrics;
        this.tags = new long[slots];
        this.values = new float[slots][];
        Arrays.fill(tags, EMPTY);
    }

    long unitOf(long ts) {
        return Math.floorDiv(ts, unitMs);
    }

    /** Returns false when the timestamp is older than the ring can hold relative to its newest bucket. */
    boolean add(long ts, int metric, double delta) {
        float[] bucket = bucketFor(unitOf(ts));
        if (bucket == null) {
            return false;
        }
        bucket[metric] = (float) (bucket[metric] + delta);
        return true;
    }

    void min(long ts, int metric, double value, boolean first) {
        float[] bucket = bucketFor(unitOf(ts));
        if (bucket != null) {
            bucket[metric] = (float) (first ? value : Math.min(bucket[metric], value));
        }
    }

    double get(long ts, int metric) {
        long unit = unitOf(ts);
        int slot = slot(unit);
        return tags[slot] == unit ? values[slot][metric] : 0;
    }

    double sum(int metric, long asOf, int units) {
        long newest = unitOf(asOf);
        double total = 0;
        for (int i = 0; i < tags.length; i++) {
            if (tags[i] != EMPTY && tags[i] <= newest && tags[i] > newest - units) {
                total += values[i][metric];
            }
        }
        return total;
    }

    /**
     * One metric over {@code windows} consecutive windows of {@code windowUnits} units each, the first ending
     * at {@code asOf}'s unit, in one pass: element {@code w} is the sum over the window {@code w} windows back.
     */
    double[] sums(int metric, long asOf, int windowUnits, int windows) {
        long newest = unitOf(asOf);
        double[] out = new double[windows];
        for (int i = 0; i < tags.length; i++) {
            long age = newest - tags[i];
            if (tags[i] != EMPTY && age >= 0 && age < (long) windowUnits * windows) {
                out[(int) (age / windowUnits)] += values[i][metric];
            }
        }
        return out;
    }

    /**
     * Windows counted back from a unit, planned once: window {@code w} covers the {@code lengths[w]} units
     * ending {@code offsets[w]} units before it. The windows' edges cut the span into bands, so that a bucket
     * is added once, to its band, however many windows overlap it (the feature windows are nested: the last
     * 7 days within the last 30, 13 weeks within 26 within 52).
     */
    record WindowPlan(int[] bandOfAge, int bands, int[] firstBand, int[] endBand) {
        static WindowPlan of(int[] offsets, int[] lengths) {
            TreeSet<Integer> edges = new TreeSet<>();
            for (int w = 0; w < offsets.length; w++) {
                edges.add(offsets[w]);
                edges.add(offsets[w] + lengths[w]);
            }
            int[] edge = edges.stream().mapToInt(Integer::intValue).toArray();
            int[] bandOfAge = new int[edge[edge.length - 1]];
            Arrays.fill(bandOfAge, -1);
            for (int b = 0; b + 1 < edge.length; b++) {
                Arrays.fill(bandOfAge, edge[b], edge[b + 1], b);
            }
            int[] first = new int[offsets.length];
            int[] end = new int[offsets.length];
            for (int w = 0; w < offsets.length; w++) {
                first[w] = Arrays.binarySearch(edge, offsets[w]);
                end[w] = Arrays.binarySearch(edge, offsets[w] + lengths[w]);
            }
            return new WindowPlan(bandOfAge, edge.length - 1, first, end);
        }
    }

    /**
     * The planned windows in one pass over the ring. Row {@code w} of the result holds every metric's sum
     * over window {@code w}, indexed by metric, and then the number of its units with activity (metric 0).
     */
    double[][] windows(long asOf, WindowPlan plan) {
        long newest = unitOf(asOf);
        double[][] bands = new double[plan.bands()][metrics + 1];
        int[] bandOfAge = plan.bandOfAge();
        for (int i = 0; i < tags.length; i++) {
            long tag = tags[i];
            if (tag == EMPTY || tag > newest || newest - tag >= bandOfAge.length) {
                continue;
            }
            int band = bandOfAge[(int) (newest - tag)];
            if (band < 0) {
                continue;
            }
            double[] totals = bands[band];
            float[] bucket = values[i];
            for (int m = 0; m < metrics; m++) {
                totals[m] += bucket[m];
            }
            totals[metrics] += bucket[0] > 0 ? 1 : 0;
        }
        double[][] out = new double[plan.firstBand().length][metrics + 1];
        for (int w = 0; w < out.length; w++) {
            for (int b = plan.firstBand()[w]; b < plan.endBand()[w]; b++) {
                for (int m = 0; m <= metrics; m++) {
                    out[w][m] += bands[b][m];
                }
            }
        }
        return out;
    }

    double min(int metric, int presenceMetric, long asOf, int units) {
        long newest = unitOf(asOf);
        double result = Double.NaN;
        for (int i = 0; i < tags.length; i++) {
            if (tags[i] != EMPTY && tags[i] <= newest && tags[i] > newest - units && values[i][presenceMetric] > 0) {
                result = Double.isNaN(result) ? values[i][metric] : Math.min(result, values[i][metric]);
            }
        }
        return result;
    }

    private float[] bucketFor(long unit) {
        int slot = slot(unit);
        if (tags[slot] == unit) {
            return values[slot];
        }
        if (tags[slot] != EMPTY && tags[slot] > unit) {
            return null; // the slot already holds a newer bucket: this one has left the ring
        }
        tags[slot] = unit;
        if (values[slot] == null) {
            values[slot] = new float[metrics];
        } else {
            Arrays.fill(values[slot], 0);
        }
        return values[slot];
    }

    private int slot(long unit) {
        return (int) Math.floorMod(unit, (long) tags.length);
    }

    /** Visits every bucket the ring holds, oldest first: its unit and its metrics (not to be changed). */
    void forEachUnit(BiConsumer<Long, float[]> visitor) {
        Integer[] order = new Integer[tags.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Long.compare(tags[x], tags[y]));
        for (int i : order) {
            if (tags[i] != EMPTY) {
                visitor.accept(tags[i], values[i]);
            }
        }
    }

    /** Bytes {@link #write} needs: the used slots with their non-zero metrics as floats. */
    int encodedSize() {
        int size = 1;
        for (int i = 0; i < tags.length; i++) {
            if (tags[i] != EMPTY) {
                size += 8 + 4;
                for (int m = 0; m < metrics; m++) {
                    if (values[i][m] != 0) {
                        size += 4;
                    }
                }
            }
        }
        return size;
    }

    void write(ByteBuffer out) {
        int usedAt = out.position();
        out.put((byte) 0);
        int used = 0;
        for (int i = 0; i < tags.length; i++) {
            if (tags[i] == EMPTY) {
                continue;
            }
            used++;
            out.putLong(tags[i]);
            int maskAt = out.position();
            out.putInt(0);
            int mask = 0;
            for (int m = 0; m < metrics; m++) {
                if (values[i][m] != 0) {
                    mask |= 1 << m;
                    out.putFloat(values[i][m]);
                }
            }
            out.putInt(maskAt, mask);
        }
        out.put(usedAt, (byte) used);
    }

    void read(ByteBuffer in) {
        int used = Byte.toUnsignedInt(in.get());
        for (int n = 0; n < used; n++) {
            long tag = in.getLong();
            int mask = in.getInt();
            float[] bucket = bucketFor(tag);
            for (int m = 0; m < metrics; m++) {
                if ((mask & (1 << m)) != 0) {
                    float v = in.getFloat();
                    if (bucket != null) {
                        bucket[m] = v;
                    }
                }
            }
        }
    }
}
