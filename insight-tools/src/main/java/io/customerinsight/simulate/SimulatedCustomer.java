package io.customerinsight.simulate;

/**
 * One synthetic customer. {@code churnAt} is when a churner goes silent ({@code Long.MAX_VALUE} for others);
 * its behaviour drifts over {@code driftDays} before that, unless it is a silent churner (no warning).
 */
final class SimulatedCustomer {
    final String id;
    final String persona;
    final String language;
    final double sessionsPerDay;
    final double cartRate;
    final double buyRate;
    final double basket;
    final double feedbackRate;
    final long churnAt;
    final double driftDays;
    final boolean cancelsExplicitly;
    /** start and end of a quiet spell (vacation) of a loyal customer, or zeros */
    long quietFrom;
    long quietTo;
    long nextSessionAt;
    int sessions;

    SimulatedCustomer(String id, String persona, String language, double sessionsPerDay, double cartRate,
                      double buyRate, double basket, double feedbackRate, long churnAt, double driftDays,
                      boolean cancelsExplicitly) {
        this.id = id;
        this.persona = persona;
        this.language = language;
        this.sessionsPerDay = sessionsPerDay;
        this.cartRate = cartRate;
        this.buyRate = buyRate;
        this.basket = basket;
        this.feedbackRate = feedbackRate;
        this.churnAt = churnAt;
        this.driftDays = driftDays;
        this.cancelsExplicitly = cancelsExplicitly;
    }

    boolean churner() {
        return churnAt != Long.MAX_VALUE;
    }

    /** 0 before the drift, rising to 1 at churn time; always 0 for silent churners (driftDays 0). */
    double drift(long t) {
        if (!churner() || driftDays <= 0 || t >= churnAt) {
            return t >= churnAt ? 1 : 0;
        }
        double start = churnAt - driftDays * 86_400_000d;
        return t <= start ? 0 : (t - start) / (churnAt - start);
    }

    boolean quiet(long t) {
        return t >= quietFrom && t < quietTo;
    }
}
