package io.customerinsight.config;

import io.customerinsight.alerts.AlertPolicy;

import java.time.Duration;

/**
 * How the per-customer processor behaves (all durations are event time).
 *
 * @param grace              events older than stream time minus this go to the dead-letter topic as late
 * @param minRescoreInterval a customer is rescored and its profile published at most once per interval
 *                           for ordinary activity; risk signals (support contact, cancellation, strongly
 *                           negative feedback) rescore at once, but the profile stays rate-limited
 * @param inactivityRescore  a quiet customer is rescored this long after its last scoring, since its
 *                           features change as time passes
 * @param sweepInterval      how often (stream time) the due queue is swept for quiet customers
 * @param maxPerSweep        at most this many customers are rescored in one sweep; the rest wait
 * @param retention          state of a customer silent for longer than this is deleted
 * @param urgentSentiment    feedback at or below this sentiment triggers an immediate rescoring
 * @param maxTextChars       feedback text is cut to this many characters before scoring (not rejected)
 * @param topFactors         how many contributing features an alert names
 * @param minHistory         no alert for a customer observed for less than this (a pipeline that starts
 *                           without backfill sees every customer as new; the model cannot judge them yet)
 * @param scoringBatch       customers due for scoring are scored together, in one model call, as soon as
 *                           this many are waiting
 * @param scoringMaxDelay    wall-clock time after which waiting customers are scored even if fewer than
 *                           {@code scoringBatch} are waiting (bounds what batching adds to latency)
 * @param cachedCustomers    customer states each task keeps decoded in memory between commits
 */
public record PipelineSettings(
        TopicNames topics,
        AlertPolicy alertPolicy,
        Duration grace,
        Duration minRescoreInterval,
        Duration inactivityRescore,
        Duration sweepInterval,
        int maxPerSweep,
        Duration retention,
        double urgentSentiment,
        int maxTextChars,
        int topFactors,
        Duration minHistory,
        int scoringBatch,
        Duration scoringMaxDelay,
        int cachedCustomers) {
}
