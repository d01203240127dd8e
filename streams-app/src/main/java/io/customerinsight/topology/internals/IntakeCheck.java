package io.customerinsight.topology.internals;

import io.customerinsight.events.DeadLetterReason;
import io.customerinsight.events.InvalidEventException;
import io.customerinsight.events.ParsedEvent;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;

/**
 * The first node after a source: rejects contract violations and events older than the lateness bound,
 * before anything is computed from them, so that a rejected record appears in no output. The bound is
 * what the customer's state can still hold (its daily buckets reach back 32 days), not a few hours: a
 * backlog, or feedback delivered in daily batches, is applied to the buckets its time falls in.
 * <p>
 * Lateness is measured against the newest event of the record's own input partition, not the task's
 * stream time: when one input runs ahead of the other (a backlog of both, consumed without waiting for the
 * emptier one, {@code max.task.idle.ms=-1}), the other's records are not late for it. The decision then
 * depends on the order of records within a partition only, never on how the inputs happened to interleave.
 * After a restart the newest times start over, which can only accept more, never reject more.
 * <p>
 * An accepted event is counted here and forwarded as the type its stream goes on with ({@code R}): every
 * node between a source and the customer processor costs each event a forward and a copy of its headers.
 * <p>
 * A tombstone (a record without a value) on an input that takes erasures goes on as the request to erase the
 * customer its key names, at the partition's current time, and never moves that time; on another input, or
 * without a key, it is rejected saying how to erase a customer.
 *
 * @param <R> the type the accepted event is forwarded as
 * @param <T> the event's type
 */
public final class IntakeCheck<R, T extends R> implements FixedKeyProcessor<String, ParsedEvent<T>, R> {
    private final long lateness;
    private final ToLongFunction<T> timestampOf;
    private final Consumer<T> accepted;
    /** what a tombstone keyed by a customer id stands for, or null where tombstones are not accepted */
    private final Erasure<R> erasure;
    /** the newest event time of this node's input partition (a task holds one partition of each source) */
    private long newest = Long.MIN_VALUE;
    private FixedKeyProcessorContext<String, R> context;

    /** The request to erase a customer, as the type the stream goes on with. */
    @FunctionalInterface
    public interface Erasure<R> {
        R of(String customerId, long time);
    }

    /** @param accepted told of every event that passes (metrics) */
    public IntakeCheck(Duration lateness, ToLongFunction<T> timestampOf, Consumer<T> accepted) {
        this(lateness, timestampOf, accepted, null);
    }

    /** @param erasure what a tombstone keyed by a customer id stands for on this input */
    public IntakeCheck(Duration lateness, ToLongFunction<T> timestampOf, Consumer<T> accepted, Erasure<R> erasure) {
        this.lateness = lateness.toMillis();
        this.timestampOf = timestampOf;
        this.accepted = accepted;
        this.erasure = erasure;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, R> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, ParsedEvent<T>> record) {
        if (record.value().isTombstone()) {
            context.forward(record.withValue(erasureOf(record)));
            return;
        }
        T event = record.value().orThrow();
        long timestamp = timestampOf.applyAsLong(event);
        newest = Math.max(newest, timestamp);
        if (timestamp < newest - lateness) {
            throw new InvalidEventException(DeadLetterReason.LATE_EVENT, "event is older than the newest event of "
                    + "its partition minus " + Duration.ofMillis(lateness) + " (insight.grace)");
        }
        accepted.accept(event);
        context.forward(record.<R>withValue(event));
    }

    private R erasureOf(FixedKeyRecord<String, ParsedEvent<T>> record) {
        if (erasure == null) {
            throw new InvalidEventException(DeadLetterReason.MISSING_FIELD, "record value is null; to erase a "
                    + "customer, send a record without a value keyed by the customer id to the clickstream topic");
        }
        if (record.key() == null || record.key().isEmpty()) {
            throw new InvalidEventException(DeadLetterReason.MISSING_FIELD, "record value is null; a record without "
                    + "a value erases a customer, and needs the customer id as its key");
        }
        return erasure.of(record.key(), record.timestamp());
    }
}
