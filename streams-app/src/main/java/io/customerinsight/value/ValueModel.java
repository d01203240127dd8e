package io.customerinsight.value;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.customerinsight.features.PurchaseDays;

/**
 * Customer value from a customer's purchase days: BG/NBD for the expected purchase days over the horizon and
 * the probability of still being a customer, Gamma-Gamma for the expected value of a purchase day. The
 * parameters come from the card model-export writes ({@code value/card.json}); the closed forms are those
 * of model-export's {@code value.py}, checked against it by test.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ValueModel(String name, int horizonDays, BgNbd bgNbd, GammaGamma gammaGamma) {
    private static final long DAY = 86_400_000L;

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record BgNbd(double r, double alpha, double a, double b) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record GammaGamma(double p, double q, double gamma) {
    }

    /** The customer's value as of a time, or null before the first purchase (the models need one). */
    public CustomerValue estimate(PurchaseDays purchases, long asOf) {
        if (!purchases.any()) {
            return null;
        }
        int x = purchases.repeatDays();
        double tx = purchases.span();
        double age = Math.max(tx, asOf / (double) DAY - purchases.firstDay());
        double alive = probabilityAlive(x, tx, age);
        double expected = expectedPurchases(horizonDays, x, tx, age, alive);
        double perDay = expectedValue(x, purchases.meanRepeatValue());
        if (!Double.isFinite(expected) || !Double.isFinite(perDay)) {
            return null;
        }
        return new CustomerValue(round(expected, 3), round(expected * perDay, 2), round(alive, 4), horizonDays);
    }

    double probabilityAlive(int x, double tx, double age) {
        if (x == 0) {
            return 1;
        }
        BgNbd m = bgNbd;
        return 1 / (1 + m.a() / (m.b() + x - 1) * Math.pow((m.alpha() + age) / (m.alpha() + tx), m.r() + x));
    }

    double expectedPurchases(double t, int x, double tx, double age, double alive) {
        BgNbd m = bgNbd;
        double hyp = hyp2f1(m.r() + x, m.b() + x, m.a() + m.b() + x - 1, t / (m.alpha() + age + t));
        double head = (m.a() + m.b() + x - 1) / (m.a() - 1)
                * (1 - Math.pow((m.alpha() + age) / (m.alpha() + age + t), m.r() + x) * hyp);
        return head * alive;
    }

    double expectedValue(int x, double meanRepeat) {
        GammaGamma g = gammaGamma;
        return x == 0 ? g.p() * g.gamma() / (g.q() - 1) : g.p() * (g.gamma() + x * meanRepeat) / (g.p() * x + g.q() - 1);
    }

    /**
     * Gauss's hypergeometric function by its series, for 0 <= z < 1 (here z = t / (alpha + T + t)), to a
     * relative 1e-11: the estimates are rounded to three or four digits, and each further digit of the series
     * costs several terms for every snapshot taken.
     */
    static double hyp2f1(double a, double b, double c, double z) {
        double term = 1;
        double sum = 1;
        for (int n = 0; n < 100_000; n++) {
            term *= (a + n) * (b + n) / ((c + n) * (n + 1)) * z;
            sum += term;
            if (Math.abs(term) < 1e-11 * Math.abs(sum)) {
                return sum;
            }
        }
        return Double.NaN;
    }

    private static double round(double v, int digits) {
        double scale = Math.pow(10, digits);
        return Math.round(v * scale) / scale;
    }
}
