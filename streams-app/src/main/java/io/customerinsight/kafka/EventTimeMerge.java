package io.customerinsight.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Holds fetched records back until the other inputs of their task cannot deliver anything earlier, so that a
 * task's input partitions (the partitions with the same number) reach Kafka Streams merged in event time.
 * <p>
 * This is what {@code max.task.idle.ms=0} does inside Kafka Streams, one step earlier: a record is handed on
 * once every other partition of its task either holds a record at least as late, has handed on one at least
 * as late (records of a partition come in time order), or is caught up with the broker (lag 0). Kafka Streams
 * then runs with {@code max.task.idle.ms=-1} and picks the earliest head among the records it has, which is the
 * same order, without the readiness check it makes for every record while an input partition is empty.
 * Offsets are reported as Kafka Streams would see them: a partition's position and next offset are those of
 * its first held record, so a commit never passes a record that was not processed.
 */
final class EventTimeMerge {
    /** the time of a record whose event time cannot be read: its partition's time so far, as the extractor */
    static final long PARTITION_TIME = Long.MIN_VALUE;
    private static final long UNREAD = Long.MIN_VALUE + 1;

    private final ToLongFunction<ConsumerRecord<byte[], byte[]>> eventTime;
    private final int maxHeldPerPartition;
    private final Map<TopicPartition, PartitionBuffer> buffers = new HashMap<>();
    private final Map<Integer, List<PartitionBuffer>> tasks = new HashMap<>();

    /**
     * @param eventTime           a record's event time as the timestamp extractor reads it, or {@link #PARTITION_TIME}
     * @param maxHeldPerPartition beyond this many held records a partition is paused at the broker
     */
    EventTimeMerge(ToLongFunction<ConsumerRecord<byte[], byte[]>> eventTime, int maxHeldPerPartition) {
        this.eventTime = eventTime;
        this.maxHeldPerPartition = maxHeldPerPartition;
    }

    /** Takes what the broker returned: its records to hold, and the offsets after them. */
    void add(ConsumerRecords<byte[], byte[]> fetched) {
        for (TopicPartition tp : fetched.partitions()) {
            PartitionBuffer buffer = buffer(tp);
            for (ConsumerRecord<byte[], byte[]> record : fetched.records(tp)) {
                buffer.held.add(new Held(record));
            }
        }
        fetched.nextOffsets().forEach((tp, next) -> {
            PartitionBuffer b = buffer(tp);
            b.fetchedNext = next;
            b.nextChanged = true;
        });
    }

    /**
     * Hands on every record that can go.
     *
     * @param paused partitions Kafka Streams has paused: none of their records is handed on, and nothing later
     *               of their task either
     * @param lag    the broker's lag of a partition as the consumer knows it (empty: not known yet)
     */
    Released release(Set<TopicPartition> paused, Function<TopicPartition, OptionalLong> lag) {
        Released out = new Released();
        for (List<PartitionBuffer> task : tasks.values()) {
            release(task, paused, lag, out);
        }
        for (PartitionBuffer b : buffers.values()) {
            if (b.nextChanged && b.held.isEmpty()) {
                out.touched.add(b); // offsets moved past records that were not data (transaction markers)
            }
        }
        return out;
    }

    private void release(List<PartitionBuffer> task, Set<TopicPartition> paused,
                         Function<TopicPartition, OptionalLong> lag, Released out) {
        while (true) {
            PartitionBuffer earliest = null;
            int holding = 0;
            for (PartitionBuffer b : task) {
                if (!b.held.isEmpty()) {
                    holding++;
                    if (earliest == null || time(b, b.held.peek()) < time(earliest, earliest.held.peek())) {
                        earliest = b;
                    }
                }
            }
            if (earliest == null || paused.contains(earliest.partition)) {
                return;
            }
            if (holding == 1 && othersCaughtUp(task, earliest, lag)) {
                // nothing else of the task can come first: no event time needs reading (the common live case)
                List<ConsumerRecord<byte[], byte[]>> records = out.records(earliest);
                for (Held h : earliest.held) {
                    records.add(h.record);
                }
                earliest.lastReleased = earliest.held.peekLast();
                earliest.held.clear();
                return;
            }
            long time = time(earliest, earliest.held.peek());
            for (PartitionBuffer other : task) {
                if (other != earliest && other.held.isEmpty() && time > releasedTime(other)
                        && !caughtUp(lag.apply(other.partition))) {
                    return; // the other partition may still deliver something earlier
                }
            }
            hand(earliest, out);
        }
    }

    private static boolean othersCaughtUp(List<PartitionBuffer> task, PartitionBuffer holding,
                                          Function<TopicPartition, OptionalLong> lag) {
        for (PartitionBuffer other : task) {
            if (other != holding && !caughtUp(lag.apply(other.partition))) {
                return false;
            }
        }
        return true;
    }

    private static void hand(PartitionBuffer b, Released out) {
        b.lastReleased = b.held.poll();
        out.records(b).add(b.lastReleased.record);
    }

    /** the time of the record a partition handed on last (records of a partition come in time order) */
    private long releasedTime(PartitionBuffer b) {
        return b.lastReleased == null ? Long.MIN_VALUE : time(b, b.lastReleased);
    }

    /**
     * A record's event time, read when first needed. One without a valid event time takes the latest read
     * in its partition so far, as the extractor gives it its partition's time.
     */
    private long time(PartitionBuffer b, Held h) {
        if (h.time == UNREAD) {
            long t = eventTime.applyAsLong(h.record);
            if (t == PARTITION_TIME) {
                t = Math.max(b.seenTime, 0);
            }
            b.seenTime = Math.max(b.seenTime, t);
            h.time = t;
        }
        return h.time;
    }

    private static boolean caughtUp(OptionalLong lag) {
        return lag.isPresent() && lag.getAsLong() == 0;
    }

    /** The offset Kafka Streams is to read next on a partition: its first held record's, if any. */
    OptionalLong firstHeldOffset(TopicPartition tp) {
        PartitionBuffer b = buffers.get(tp);
        return b == null || b.held.isEmpty() ? OptionalLong.empty() : OptionalLong.of(b.held.peek().record.offset());
    }

    int held(TopicPartition tp) {
        PartitionBuffer b = buffers.get(tp);
        return b == null ? 0 : b.held.size();
    }

    /** Partitions holding so many records that the broker should stop sending more for now. */
    Set<TopicPartition> full() {
        Set<TopicPartition> full = new HashSet<>();
        buffers.forEach((tp, b) -> {
            if (b.held.size() >= maxHeldPerPartition) {
                full.add(tp);
            }
        });
        return full;
    }

    /** Takes partitions assigned to this consumer: until they deliver, the rest of their task waits for them. */
    void assign(Collection<TopicPartition> partitions) {
        partitions.forEach(this::buffer);
    }

    /** Drops partitions revoked or lost, with what they held. */
    void unassign(Collection<TopicPartition> partitions) {
        for (TopicPartition tp : partitions) {
            PartitionBuffer b = buffers.remove(tp);
            if (b != null) {
                List<PartitionBuffer> task = tasks.get(tp.partition());
                task.remove(b);
                if (task.isEmpty()) {
                    tasks.remove(tp.partition());
                }
            }
        }
    }

    /** Drops what partitions held, as when they are moved to another offset: they start again as unread. */
    void forget(Collection<TopicPartition> partitions) {
        for (TopicPartition tp : partitions) {
            PartitionBuffer b = buffers.get(tp);
            if (b != null) {
                b.held.clear();
                b.lastReleased = null;
                b.seenTime = -1;
                b.fetchedNext = null;
                b.nextChanged = false;
            }
        }
    }

    void unassignAll() {
        buffers.clear();
        tasks.clear();
    }

    private PartitionBuffer buffer(TopicPartition tp) {
        return buffers.computeIfAbsent(tp, p -> {
            PartitionBuffer b = new PartitionBuffer(p);
            tasks.computeIfAbsent(p.partition(), n -> new ArrayList<>(3)).add(b);
            return b;
        });
    }

    /** Records handed on in one poll, and the offsets to report with them. */
    final class Released {
        final Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> records = new LinkedHashMap<>();
        private final Set<PartitionBuffer> touched = new HashSet<>();

        /** each touched partition's next offset: its first held record's, or the broker's after the fetch */
        Map<TopicPartition, OffsetAndMetadata> nextOffsets() {
            Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
            for (PartitionBuffer b : touched) {
                if (!b.held.isEmpty()) {
                    ConsumerRecord<byte[], byte[]> first = b.held.peek().record;
                    next.put(b.partition, new OffsetAndMetadata(first.offset(), first.leaderEpoch(), ""));
                } else if (b.fetchedNext != null) {
                    next.put(b.partition, b.fetchedNext);
                    b.nextChanged = false;
                }
            }
            return next;
        }

        /** the list a partition's handed-on records go to, the partition counted as touched */
        private List<ConsumerRecord<byte[], byte[]>> records(PartitionBuffer b) {
            touched.add(b);
            return records.computeIfAbsent(b.partition, tp -> new ArrayList<>());
        }

        ConsumerRecords<byte[], byte[]> asRecords() {
            return records.isEmpty() && touched.isEmpty()
                    ? ConsumerRecords.empty() : new ConsumerRecords<>(records, nextOffsets());
        }

        boolean isEmpty() {
            return records.isEmpty();
        }

        /** this poll's records after an earlier one's, partition by partition */
        Released then(Released later) {
            later.records.forEach((tp, list) -> records.computeIfAbsent(tp, p -> new ArrayList<>()).addAll(list));
            touched.addAll(later.touched);
            return this;
        }
    }

    private static final class Held {
        final ConsumerRecord<byte[], byte[]> record;
        long time = UNREAD;

        Held(ConsumerRecord<byte[], byte[]> record) {
            this.record = record;
        }
    }

    private static final class PartitionBuffer {
        final TopicPartition partition;
        final ArrayDeque<Held> held = new ArrayDeque<>();
        /** the last record handed on (Kafka Streams has it, or has processed it) */
        Held lastReleased;
        /** the latest time among the records taken, for records without an event time */
        long seenTime = -1;
        OffsetAndMetadata fetchedNext;
        boolean nextChanged;

        PartitionBuffer(TopicPartition partition) {
            this.partition = partition;
        }
    }
}
