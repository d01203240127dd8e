package io.customerinsight.drift;

import io.customerinsight.features.FeatureSchema;
import io.customerinsight.scoring.ModelCard;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;

/**
 * Compares what the churn model sees live with what it was trained on: every scored feature vector and its
 * score are binned against the card's training distributions, over a sliding wall-clock window made of
 * slices, and the population stability index of each is exported as {@code insight_drift_psi{feature}}
 * (the score as {@code feature="churn_score"}). Until a window holds {@code minSamples} binned scorings the
 * index is NaN, so that a handful of scorings after a restart cannot page anyone. A monitor may bin a uniform
 * random sample of one scoring in {@code sampleOneIn}: binning a row costs about a microsecond (a binary
 * search per feature), a sizeable share of the pipeline's cost per event, and a histogram of ten bins needs
 * thousands of rows, not millions.
 */
public final class DriftMonitor {
    private static final Logger log = LoggerFactory.getLogger(DriftMonitor.class);
    public static final String SCORE = "churn_score";
    private static final int SLICES = 6;

    private final List<String> names;
    private final ReferenceDistribution[] references;
    private final int[] offsets;
    private final int[] featureIndex;
    private final Slice[] slices = new Slice[SLICES];
    private final long sliceMillis;
    private final long minSamples;
    private final int sampleOneIn;
    private final LongSupplier clock;
    /** the gauges {@link #register} added, removed by {@link #close()} when a reload retires the model */
    private final List<Meter> meters = new ArrayList<>();
    private MeterRegistry registry;

    private static final class Slice {
        volatile long epoch = Long.MIN_VALUE;
        final AtomicLongArray counts;

        Slice(int size) {
            counts = new AtomicLongArray(size + 1); // the last cell counts scorings
        }
    }

    DriftMonitor(List<String> names, List<ReferenceDistribution> references, Duration window, long minSamples,
                 int sampleOneIn, LongSupplier clock) {
        this(names, references, names.stream().mapToInt(n -> n.equals(SCORE) ? -1 : FeatureSchema.indexOf(n)).toArray(),
                window, minSamples, sampleOneIn, clock);
    }

    /**
     * @param featureIndex each variable's position in a feature row, or -1 for the score
     * @param sampleOneIn  bin one row in this many, chosen at random (1: every row)
     */
    DriftMonitor(List<String> names, List<ReferenceDistribution> references, int[] featureIndex, Duration window,
                 long minSamples, int sampleOneIn, LongSupplier clock) {
        if (sampleOneIn < 1) {
            throw new IllegalArgumentException("sampleOneIn must be at least 1, not " + sampleOneIn);
        }
        this.names = List.copyOf(names);
        this.references = references.toArray(ReferenceDistribution[]::new);
        this.offsets = new int[this.references.length + 1];
        for (int i = 0; i < this.references.length; i++) {
            offsets[i + 1] = offsets[i] + this.references[i].bins();
        }
        this.featureIndex = featureIndex;
        for (int i = 0; i < SLICES; i++) {
            slices[i] = new Slice(offsets[this.references.length]);
        }
        this.sliceMillis = Math.max(1, window.toMillis() / SLICES);
        this.minSamples = minSamples;
        this.sampleOneIn = sampleOneIn;
        this.clock = clock;
    }

    /**
     * A monitor for the card's features and score, with its gauges registered; null when the card carries
     * no training distributions (drift cannot be measured, and the log says so once).
     */
    public static DriftMonitor register(ModelCard card, MeterRegistry registry, Duration window, long minSamples,
                                        int sampleOneIn, LongSupplier clock) {
        if (card == null || card.distributions() == null || !card.distributions().has("features")) {
            log.warn("the churn model card has no training distributions: drift is not monitored");
            return null;
        }
        List<String> names = new ArrayList<>();
        List<ReferenceDistribution> refs = new ArrayList<>();
        for (String feature : card.features()) {
            if (card.distributions().path("features").has(feature)) {
                names.add(feature);
                refs.add(ReferenceDistribution.fromCard(card.distributions().path("features").path(feature)));
            }
        }
        if (card.distributions().has("score")) {
            names.add(SCORE);
            refs.add(ReferenceDistribution.fromCard(card.distributions().path("score")));
        }
        DriftMonitor monitor = new DriftMonitor(names, refs, window, minSamples, sampleOneIn, clock);
        monitor.registry = registry;
        for (int i = 0; i < names.size(); i++) {
            int variable = i;
            monitor.meters.add(Gauge.builder("insight.drift.psi", monitor, m -> m.psi(variable))
                    .description("Population stability index of a churn feature (or the score) over the drift "
                            + "window against the model card's training distribution")
                    .tags("feature", names.get(i), "model", card.name(), "version", card.version())
                    .register(registry));
        }
        monitor.meters.add(Gauge.builder("insight.drift.window.scorings", monitor, DriftMonitor::samples)
                .description("Churn scorings binned in the current drift window (a sample of one in "
                        + sampleOneIn + ")")
                .tags("model", card.name(), "version", card.version())
                .register(registry));
        return monitor;
    }

    /** Removes the gauges {@link #register} added: the model they watch was replaced. */
    public void close() {
        if (registry != null) {
            meters.forEach(registry::remove);
        }
        meters.clear();
    }

    /** Counts one scoring (or, when sampling, counts it with a chance of one in {@code sampleOneIn}). */
    public void observe(float[] features, double score) {
        observe(new float[][] {features}, new double[] {score});
    }

    /**
     * Counts a batch of scorings, or every {@code sampleOneIn}-th of them from a random start (each row has the
     * same chance); called on the stream threads, lock-free except when a slice rolls over.
     * The batch is binned locally first: one shared-counter update per bin it hit, not per value (the
     * stream threads of an instance share the slices, and each update moves a cache line between cores).
     */
    public void observe(float[][] rows, double[] scores) {
        int first = sampleOneIn == 1 ? 0 : ThreadLocalRandom.current().nextInt(sampleOneIn);
        if (first >= rows.length) {
            return;
        }
        long epoch = clock.getAsLong() / sliceMillis;
        Slice slice = slices[(int) Math.floorMod(epoch, (long) SLICES)];
        if (slice.epoch != epoch) {
            synchronized (slice) {
                if (slice.epoch != epoch) {
                    for (int i = 0; i < slice.counts.length(); i++) {
                        slice.counts.set(i, 0);
                    }
                    slice.epoch = epoch;
                }
            }
        }
        int[] counts = new int[slice.counts.length()];
        int binned = 0;
        for (int r = first; r < rows.length; r += sampleOneIn) {
            binned++;
            for (int v = 0; v < references.length; v++) {
                double value = featureIndex[v] < 0 ? scores[r] : rows[r][featureIndex[v]];
                counts[offsets[v] + references[v].binOf(value)]++;
            }
        }
        counts[offsets[references.length]] = binned;
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] != 0) {
                slice.counts.addAndGet(i, counts[i]);
            }
        }
    }

    public List<String> names() {
        return names;
    }

    /** Scorings binned in the window ending now. */
    public long samples() {
        long current = clock.getAsLong() / sliceMillis;
        long n = 0;
        for (Slice s : slices) {
            if (inWindow(s, current)) {
                n += s.counts.get(offsets[references.length]);
            }
        }
        return n;
    }

    /** The index for one variable (position in {@link #names()}), NaN while the window is too thin. */
    public double psi(int variable) {
        if (samples() < minSamples) {
            return Double.NaN;
        }
        long current = clock.getAsLong() / sliceMillis;
        long[] counts = new long[references[variable].bins()];
        for (Slice s : slices) {
            if (inWindow(s, current)) {
                for (int b = 0; b < counts.length; b++) {
                    counts[b] += s.counts.get(offsets[variable] + b);
                }
            }
        }
        return references[variable].psi(counts);
    }

    public double psi(String name) {
        return psi(names.indexOf(name));
    }

    private static boolean inWindow(Slice s, long currentEpoch) {
        return s.epoch > currentEpoch - SLICES && s.epoch <= currentEpoch;
    }
}
