package io.customerinsight.drift;

import io.customerinsight.features.FeatureSchema;
import io.customerinsight.scoring.ModelCard;
import io.customerinsight.scoring.ModelLoader;
import io.customerinsight.scoring.ModelSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class DriftMonitorTest {
    private static final ReferenceDistribution QUARTERS =
            new ReferenceDistribution(new double[] {0, 1, 2, 3, 4}, new double[] {0.25, 0.25, 0.25, 0.25});

    @Test
    void binsFollowTheCardRuleWithOutOfRangeValuesInTheEndBins() {
        assertThat(QUARTERS.binOf(-5)).isEqualTo(0);
        assertThat(QUARTERS.binOf(0.5)).isEqualTo(0);
        assertThat(QUARTERS.binOf(1.0)).isEqualTo(1); // an inner edge belongs to the bin on its right
        assertThat(QUARTERS.binOf(3.999)).isEqualTo(3);
        assertThat(QUARTERS.binOf(400)).isEqualTo(3);
    }

    @Test
    void psiIsZeroForTheTrainingShapeAndGrowsWithTheShift() {
        assertThat(QUARTERS.psi(new long[] {10, 10, 10, 10})).isCloseTo(0, within(1e-12));
        // a = (0.4, 0.3, 0.2, 0.1) against 0.25 each, by hand
        double expected = (0.4 - 0.25) * Math.log(0.4 / 0.25) + (0.3 - 0.25) * Math.log(0.3 / 0.25)
                + (0.2 - 0.25) * Math.log(0.2 / 0.25) + (0.1 - 0.25) * Math.log(0.1 / 0.25);
        assertThat(QUARTERS.psi(new long[] {40, 30, 20, 10})).isCloseTo(expected, within(1e-12));
        assertThat(QUARTERS.psi(new long[] {100, 0, 0, 0})).isGreaterThan(1.0); // floored, finite
        assertThat(QUARTERS.psi(new long[] {0, 0, 0, 0})).isNaN();
    }

    @Test
    void windowSlidesAndThinWindowsReportNaN() {
        AtomicLong now = new AtomicLong(1_000_000);
        DriftMonitor monitor = new DriftMonitor(List.of(DriftMonitor.SCORE), List.of(QUARTERS),
                Duration.ofMinutes(60), 100, 1, now::get);
        float[] noFeatures = new float[FeatureSchema.size()];
        for (int i = 0; i < 99; i++) {
            monitor.observe(noFeatures, (i % 4) + 0.5);
        }
        assertThat(monitor.psi(0)).isNaN();
        monitor.observe(noFeatures, 0.5);
        assertThat(monitor.samples()).isEqualTo(100);
        assertThat(monitor.psi(0)).isLessThan(0.01);

        // half an hour later the scores are all in the top bin: the window mixes both
        now.addAndGet(Duration.ofMinutes(30).toMillis());
        for (int i = 0; i < 100; i++) {
            monitor.observe(noFeatures, 3.5);
        }
        double mixed = monitor.psi(0);
        assertThat(mixed).isGreaterThan(0.25);
        // an hour after that, only the shifted scores remain in the window, and the shift is larger
        now.addAndGet(Duration.ofMinutes(35).toMillis());
        assertThat(monitor.samples()).isEqualTo(100);
        assertThat(monitor.psi(0)).isGreaterThan(mixed);
        now.addAndGet(Duration.ofMinutes(60).toMillis());
        assertThat(monitor.samples()).isZero();
        assertThat(monitor.psi(0)).isNaN();
    }

    @Test
    void theBundledCardGivesLowDriftOnTrainingLikeValuesAndHighDriftOnSilentCustomers() {
        ModelCard card = ModelLoader.load(ModelSource.bundled(), ModelLoader.SentimentEngine.FAST).churn().card();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        AtomicLong now = new AtomicLong(0);
        DriftMonitor monitor = DriftMonitor.register(card, registry, Duration.ofHours(1), 500, 1, now::get);
        assertThat(monitor.names()).hasSize(FeatureSchema.size() + 1).contains("days_since_last_event", "churn_score");

        // values drawn from the card's own histograms: no drift
        Random random = new Random(7);
        List<ReferenceDistribution> refs = monitor.names().stream().map(n -> n.equals(DriftMonitor.SCORE)
                ? ReferenceDistribution.fromCard(card.distributions().path("score"))
                : ReferenceDistribution.fromCard(card.distributions().path("features").path(n))).toList();
        for (int i = 0; i < 5_000; i++) {
            float[] row = new float[FeatureSchema.size()];
            for (int f = 0; f < row.length; f++) {
                row[FeatureSchema.indexOf(monitor.names().get(f))] = (float) sample(refs.get(f), random);
            }
            monitor.observe(row, sample(refs.get(refs.size() - 1), random));
        }
        double psi = registry.get("insight.drift.psi").tag("feature", "days_since_last_event").gauge().value();
        assertThat(psi).isLessThan(0.1);

        // then an hour of customers who all went silent for 200 days
        now.addAndGet(Duration.ofHours(2).toMillis());
        for (int i = 0; i < 1_000; i++) {
            float[] row = new float[FeatureSchema.size()];
            row[FeatureSchema.indexOf("days_since_last_event")] = 200f;
            monitor.observe(row, 0.9);
        }
        assertThat(registry.get("insight.drift.psi").tag("feature", "days_since_last_event").gauge().value())
                .isGreaterThan(0.25);
        assertThat(registry.get("insight.drift.psi").tag("feature", "churn_score").gauge().value()).isGreaterThan(0.25);
        assertThat(registry.get("insight.drift.window.scorings").gauge().value()).isEqualTo(1_000);
    }

    @Test
    void aSampledMonitorBinsOneRowInNAndMeasuresTheSameShift() {
        AtomicLong now = new AtomicLong(0);
        DriftMonitor every = new DriftMonitor(List.of(DriftMonitor.SCORE), List.of(QUARTERS),
                Duration.ofHours(1), 100, 1, now::get);
        DriftMonitor sampled = new DriftMonitor(List.of(DriftMonitor.SCORE), List.of(QUARTERS),
                Duration.ofHours(1), 100, 4, now::get);
        // 40 % of the scores in the first bin, 30, 20 and 10 in the others, shuffled, in batches of 64
        Random random = new Random(11);
        float[][] rows = new float[64][FeatureSchema.size()];
        for (int batch = 0; batch < 250; batch++) {
            double[] scores = new double[rows.length];
            for (int r = 0; r < scores.length; r++) {
                double u = random.nextDouble();
                scores[r] = (u < 0.4 ? 0 : u < 0.7 ? 1 : u < 0.9 ? 2 : 3) + 0.5;
            }
            every.observe(rows, scores);
            sampled.observe(rows, scores);
        }
        assertThat(every.samples()).isEqualTo(16_000);
        assertThat(sampled.samples()).isEqualTo(4_000); // a batch of 64 gives exactly 16 rows of every 4th
        // the sample of 4,000 has a standard error of about 0.015 on this index
        assertThat(sampled.psi(0)).isCloseTo(every.psi(0), within(0.06)).isGreaterThan(0.1);

        // one row at a time, each is binned with a chance of one in four
        for (int i = 0; i < 4_000; i++) {
            sampled.observe(rows[0], 0.5);
        }
        assertThat(sampled.samples()).isBetween(4_000L + 850, 4_000L + 1_150);
    }

    /** A value inside a bin picked with the bin's training share (uniform within the bin). */
    private static double sample(ReferenceDistribution ref, Random random) {
        double u = random.nextDouble();
        int bin = 0;
        double cumulative = ref.fractions()[0];
        while (u > cumulative && bin < ref.bins() - 1) {
            cumulative += ref.fractions()[++bin];
        }
        double lo = ref.edges()[bin];
        double hi = ref.edges()[bin + 1];
        return lo + (hi - lo) * random.nextDouble() * 0.999;
    }
}
