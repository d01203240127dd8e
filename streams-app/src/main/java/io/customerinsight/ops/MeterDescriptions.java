package io.customerinsight.ops;

import java.util.Map;

/**
 * The help text Prometheus shows for each of the application's own counters, timers and histograms (its
 * {@code # HELP} line), in one place. A meter without one is refused when it is first registered, so a new
 * meter cannot reach a scrape undocumented.
 */
final class MeterDescriptions {
    private static final Map<String, String> HELP = Map.ofEntries(
            Map.entry("insight.events.consumed", "Valid input records, by topic and event type or feedback channel"),
            Map.entry("insight.invalid.records", "Input records rejected, by topic and dead-letter reason"),
            Map.entry("insight.dlq.writes", "Records written to the dead-letter topic, by reason"),
            Map.entry("insight.duplicates.dropped",
                    "Records whose id the customer's last records already had: delivered again, counted once"),
            Map.entry("insight.feature.updates", "Events folded into customer state"),
            Map.entry("insight.events.out.of.order",
                    "Events older than their customer's latest scoring point (late or unkeyed): the point is taken again"),
            Map.entry("insight.rescoring.sweeps", "Sweeps of the due queue"),
            Map.entry("insight.rescoring.customers", "Quiet customers (no activity since their last scoring) rescored"),
            Map.entry("insight.churn.scoring", "Time to score one feature vector with the churn model"),
            Map.entry("insight.churn.score.percent", "Churn probabilities, in percent"),
            Map.entry("insight.sentiment.scoring", "Time to score feedback texts"),
            Map.entry("insight.sentiment.texts", "Feedback texts scored, by model and language"),
            Map.entry("insight.sentiment.labels", "Scored feedback by sentiment label"),
            Map.entry("insight.sentiment.decided",
                    "Feedback messages by the path that decided their sentiment: fast, encoder or rating"),
            Map.entry("insight.sentiment.positivity.percent",
                    "Sentiment of scored feedback as (score + 1) * 50: 0 most negative, 100 most positive"),
            Map.entry("insight.alerts.emitted", "Churn alerts published, by level"),
            Map.entry("insight.alerts.suppressed", "Churn alerts held back, by reason"),
            Map.entry("insight.customers.lapsed", "Customers found silent for longer than the churn model judges "
                    + "(lapsed: no more churn alerts until they come back)"),
            Map.entry("insight.alert.suggestions", "Alerts with product suggestions, by where they came from"),
            Map.entry("insight.alert.outcomes",
                    "Decided alert outcomes: whether the customer churned within the alerting model's horizon"),
            Map.entry("insight.alert.outcomes.dropped",
                    "Open alerts whose outcome is not followed: the customer had more than its state keeps"),
            Map.entry("insight.complaint.topics", "Complaints given a topic, by language and aspect"),
            Map.entry("insight.profile.updates", "Profile decisions: published, coalesced, unchanged, rate_limited, deleted"),
            Map.entry("insight.customers.erased",
                    "Customers erased on request (a tombstone keyed by the customer id on the clickstream)"),
            Map.entry("insight.segment.failures", "Batches of profiles published without a cluster: the segment model failed"),
            Map.entry("insight.model.reloads", "Changed model files installed or refused by hot reload, by part"),
            Map.entry("insight.model.switches", "Tasks that moved to a newer model generation between two scoring batches"),
            Map.entry("insight.shadow.failures", "Batches the challenger failed on: no shadow results for them"),
            Map.entry("insight.stream.thread.failures",
                    "Stream threads that died: replaced, or the instance shut down after too many"));

    private MeterDescriptions() {
    }

    /** Every meter described, by its Micrometer name. */
    static java.util.Set<String> names() {
        return HELP.keySet();
    }

    static String of(String meter) {
        String help = HELP.get(meter);
        if (help == null) {
            throw new IllegalArgumentException("meter " + meter + " has no description in MeterDescriptions");
        }
        return help;
    }
}
