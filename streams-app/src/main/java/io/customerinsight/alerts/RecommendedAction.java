package io.customerinsight.alerts;

/**
 * What a retention team should do about an alert, from the playbook: the action, why, and the share of the
 * risk the playbook expects it to remove.
 */
public record RecommendedAction(String id, String description, String reason, double effect) {
}
