package io.customerinsight.shadow;

import io.customerinsight.alerts.RiskLevel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * How a challenger compares with the champion on the scorings both made since the challenger was installed,
 * shared by the tasks of an instance: level agreement (a confusion count of levels), would-have-alerted
 * counts, and the population stability index between the two score distributions (ten bins of 0.1).
 */
public final class ShadowComparison implements AutoCloseable {
    private static final int BINS = 10;
    private static final double FLOOR = 1e-4;

    private final MeterRegistry registry;
    private final String challengerVersion;
    private final AtomicLongArray champion = new AtomicLongArray(BINS);
    private final AtomicLongArray challenger = new AtomicLongArray(BINS);
    private final Counter[][] levels = new Counter[RiskLevel.values().length][RiskLevel.values().length];
    private final Counter championAlerts;
    private final Counter challengerAlerts;
    private final List<Meter> meters = new ArrayList<>();

    public ShadowComparison(MeterRegistry registry, String challengerVersion) {
        this.registry = registry;
        this.challengerVersion = challengerVersion;
        for (RiskLevel a : RiskLevel.values()) {
            for (RiskLevel b : RiskLevel.values()) {
                levels[a.ordinal()][b.ordinal()] = register(Counter.builder("insight.shadow.levels")
                        .description("Shadow scorings by the champion's level and the challenger's level")
                        .tags("champion_level", a.wireName(), "challenger_level", b.wireName(),
                                "challenger_version", challengerVersion).register(registry));
            }
        }
        championAlerts = register(wouldAlert("champion"));
        challengerAlerts = register(wouldAlert("challenger"));
        register(Gauge.builder("insight.shadow.score.psi", this, ShadowComparison::psi)
                .description("Population stability index between the challenger's and the champion's churn scores "
                        + "on the same scorings since the challenger was installed (NaN before any)")
                .tags("challenger_version", challengerVersion).register(registry));
    }

    private Counter wouldAlert(String model) {
        return Counter.builder("insight.shadow.would.alert")
                .description("Shadow scorings at or above the alerting level (insight.alert.min.level), by model")
                .tags("model", model, "challenger_version", challengerVersion)
                .register(registry);
    }

    private <M extends Meter> M register(M meter) {
        meters.add(meter);
        return meter;
    }

    /** Counts one scoring both models made. */
    void count(double championScore, RiskLevel championLevel, double challengerScore, RiskLevel challengerLevel,
               RiskLevel alertingLevel) {
        champion.incrementAndGet(bin(championScore));
        challenger.incrementAndGet(bin(challengerScore));
        levels[championLevel.ordinal()][challengerLevel.ordinal()].increment();
        if (championLevel.compareTo(alertingLevel) >= 0) {
            championAlerts.increment();
        }
        if (challengerLevel.compareTo(alertingLevel) >= 0) {
            challengerAlerts.increment();
        }
    }

    private static int bin(double score) {
        return Math.max(0, Math.min(BINS - 1, (int) (score * BINS)));
    }

    /** sum((challenger - champion) * ln(challenger / champion)) over the bins' shares; NaN before any scoring. */
    public double psi() {
        long a = 0;
        long b = 0;
        for (int i = 0; i < BINS; i++) {
            a += champion.get(i);
            b += challenger.get(i);
        }
        if (a == 0 || b == 0) {
            return Double.NaN;
        }
        double psi = 0;
        for (int i = 0; i < BINS; i++) {
            double p = Math.max(FLOOR, champion.get(i) / (double) a);
            double q = Math.max(FLOOR, challenger.get(i) / (double) b);
            psi += (q - p) * Math.log(q / p);
        }
        return psi;
    }

    /** Removes the meters: the challenger was replaced or promoted. */
    @Override
    public void close() {
        meters.forEach(registry::remove);
    }
}
