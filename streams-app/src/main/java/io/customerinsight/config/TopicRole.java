package io.customerinsight.config;

import java.util.Arrays;

/**
 * The topics the pipeline reads and writes, each bound once to its role in {@code topics/topics.yaml}, the
 * setting that renames it and its default name. The topology binds each role's serdes
 * ({@code topology.TopicSerdes}).
 */
public enum TopicRole {
    CLICKSTREAM("clickstream", "insight.topic.clickstream", "clickstream", "input topic of clickstream events"),
    FEEDBACK("feedback", "insight.topic.feedback", "feedback", "input topic of feedback messages"),
    CHURN_ALERTS("churn-alerts", "insight.topic.alerts", "churn-alerts", "output topic of churn alerts"),
    CUSTOMER_PROFILES("customer-profiles", "insight.topic.profiles", "customer-profiles",
            "compacted output topic of customer profiles"),
    FEEDBACK_SCORED("feedback-scored", "insight.topic.feedback.scored", "feedback-scored",
            "output topic of feedback with its sentiment"),
    DEAD_LETTER("dlq", "insight.topic.dlq", "insight-dlq", "dead-letter topic of rejected records"),
    CHURN_SHADOW("churn-shadow", "insight.topic.shadow", "churn-shadow",
            "output topic of the challenger churn model's scorings beside the champion's"),
    ALERT_OUTCOMES("alert-outcomes", "insight.topic.outcomes", "churn-alert-outcomes",
            "output topic of the outcome of each churn alert (churned or retained within the model's horizon)");

    private final String role;
    private final String settingsKey;
    private final String defaultName;
    private final String description;

    TopicRole(String role, String settingsKey, String defaultName, String description) {
        this.role = role;
        this.settingsKey = settingsKey;
        this.defaultName = defaultName;
        this.description = description;
    }

    /** The role's name in {@code topics/topics.yaml}. */
    public String role() {
        return role;
    }

    public String settingsKey() {
        return settingsKey;
    }

    public String defaultName() {
        return defaultName;
    }

    public String description() {
        return description;
    }

    public static TopicRole ofRole(String role) {
        return Arrays.stream(values()).filter(r -> r.role.equals(role)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown topic role '" + role + "' (known: "
                        + Arrays.stream(values()).map(TopicRole::role).toList() + ")"));
    }
}
