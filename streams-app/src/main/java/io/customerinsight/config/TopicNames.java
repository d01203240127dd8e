package io.customerinsight.config;

/** The topics the pipeline reads and writes. Defaults match {@code topics/topics.json}; all are configurable. */
public record TopicNames(String clickstream, String feedback, String churnAlerts, String customerProfiles,
                         String feedbackScored, String deadLetter) {

    public static TopicNames defaults() {
        return new TopicNames("clickstream", "feedback", "churn-alerts", "customer-profiles", "feedback-scored",
                "insight-dlq");
    }
}
