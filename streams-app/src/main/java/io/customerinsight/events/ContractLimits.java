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

    /**
     * What is wrong with an id (a phrase to follow its name), or null: it must have 1 to {@link #maxIdLength}
     * characters, counted as JSON Schema's maxLength counts them, and no control character. The parser and
     * {@code GET /customers/{id}} both ask, so that every customer profiled can be asked for.
     */
    public String idProblem(String id) {
        if (id.isEmpty()) {
            return "is empty";
        }
        if (id.length() > maxIdLength && id.codePointCount(0, id.length()) > maxIdLength) {
            return "has more than " + maxIdLength + " characters";
        }
        for (int i = 0; i < id.length(); i++) {
            if (Character.isISOControl(id.charAt(i))) {
                return "contains a control character (a line break, a tab, U+0000...)";
            }
        }
        return null;
    }

    public ContractLimits withClock(Clock newClock) {
        return new ContractLimits(maxRecordBytes, earliestTimestamp, maxFutureSkew, maxIdLength, maxAmount,
                newClock);
    }
}
