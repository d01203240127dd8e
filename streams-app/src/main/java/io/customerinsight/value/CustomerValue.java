package io.customerinsight.value;

/**
 * What a customer is expected to be worth over the value model's horizon: purchase days, their value, and
 * the probability that the customer is still a customer at all (BG/NBD's P(alive)).
 */
public record CustomerValue(double expectedPurchases, double expectedSpend, double probabilityAlive,
                            int horizonDays) {
}
