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
 * @param maxPerSweep        at most this many customers are rescored in one sweep; the rest wait
 * @param retention          state of a customer silent for longer than this is deleted
 * @param urgentSentiment    feedback at or below this sentiment triggers an immediate rescoring
 * @param maxTextChars       feedback text is cut to this many characters before scoring (not rejected)
 * @param topFactors         how many contributing features an alert names
 * @param minHistory         no alert for a customer observed for less than this (a pipeline that starts
 *                           without backfill sees every customer as new; the model cannot judge them yet)
 * @param scoringBatch       customers made due by activity are scored together, in one model call, as soon
 *                           as this many are waiting
 * @param scoringMaxDelay    wall-clock time after which every due customer is scored (activity even if
 *                           fewer than {@code scoringBatch} wait; quiet customers whose time has come)
 * @param scoringMaxLag      stream time after which a due customer is scored without waiting for the wall
 *                           clock: a replay moves stream time far faster, and a quiet customer scored once at
 *                           the end of a long replay would miss the days when its risk rose
 * @param cachedCustomers    customer states each task keeps decoded in memory between commits
 */
public record PipelineSettings(
        TopicNames topics,
        AlertPolicy alertPolicy,
        Duration grace,
        Duration minRescoreInterval,
        Duration inactivityRescore,
        int maxPerSweep,
        Duration retention,
        double urgentSentiment,
        int maxTextChars,
        int topFactors,
        Duration minHistory,
        int scoringBatch,
        Duration scoringMaxDelay,
        Duration scoringMaxLag,
        int cachedCustomers) {
}
