package io.customerinsight.scoring;

/**
 * One reason behind a churn score: a feature, its value for the customer, the typical value it was
 * compared with, and how much the churn probability drops when the feature is set to that typical value.
 */
public record TopFactor(String feature, String description, double value, double typicalValue, double contribution) {
}
