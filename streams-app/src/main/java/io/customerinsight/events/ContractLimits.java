package io.customerinsight.events;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Bounds a record must respect to be accepted.
 *
 * @param maxRecordBytes    larger values are rejected as {@link DeadLetterReason#OVERSIZE}
 * @param earliestTimestamp timestamps before this are {@link DeadLetterReason#TIMESTAMP_OUT_OF_RANGE}
 * @param maxFutureSkew     timestamps further than this ahead of the wall clock are out of range too
 * @param maxIdLength       customer, event, session and product ids longer than this are invalid
 * @param maxAmount         larger amounts are invalid: above any real order in any currency, and far enough
 *                          below what a state's float buckets hold that no sum of them overflows
 */
public record ContractLimits(int maxRecordBytes, Instant earliestTimestamp, Duration maxFutureSkew,
                             int maxIdLength, double maxAmount, Clock clock) {

    /** The contract's limits, with the default future tolerance ({@code insight.future.tolerance}, an hour). */
    public static ContractLimits defaults() {
        return new ContractLimits(64 * 1024, Instant.parse("2000-01-01T00:00:00Z"), Duration.ofHours(1), 128,
                1e12, Clock.systemUTC());
    }

    public ContractLimits withMaxFutureSkew(Duration skew) {
        return new ContractLimits(maxRecordBytes, earliestTimestamp, skew, maxIdLength, maxAmount, clock);
    }

    /** Whether an id is within {@link #maxIdLength}, counted in characters as JSON Schema's maxLength counts them. */
    public static boolean idFits(String id, int maxIdLength) {
        return id.length() <= maxIdLength || id.codePointCount(0, id.length()) <= maxIdLength;
    }

    public ContractLimits withClock(Clock newClock) {
        return new ContractLimits(maxRecordBytes, earliestTimestamp, maxFutureSkew, maxIdLength, maxAmount,
                newClock);
    }
}
