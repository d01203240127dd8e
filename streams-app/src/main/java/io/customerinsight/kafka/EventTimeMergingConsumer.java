package io.customerinsight.kafka;

import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.SubscriptionPattern;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.ToLongFunction;
import java.util.regex.Pattern;

/**
 * Kafka Streams' main consumer with its tasks' inputs merged in event time before Kafka Streams sees them
 * ({@link EventTimeMerge}). Everything else is the wrapped consumer's, except what held records change:
 * positions, lags, seeks (a seek drops what was held for the partition), pauses (Kafka Streams' own, kept
 * apart from the broker pauses that bound what is held) and rebalances (a revoked partition's records are
 * dropped; they are fetched again by whoever gets it).
 */
final class EventTimeMergingConsumer extends ForwardingConsumer<byte[], byte[]> {
    private static final ConsumerRebalanceListener NO_LISTENER = new ConsumerRebalanceListener() {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        }
    };

    private final EventTimeMerge merge;
    /** what Kafka Streams paused; the delegate may also be paused where too much is held */
    private final Set<TopicPartition> pausedByStreams = new HashSet<>();
    private final Set<TopicPartition> pausedWhileHeld = new HashSet<>();

    EventTimeMergingConsumer(Consumer<byte[], byte[]> delegate,
                             ToLongFunction<ConsumerRecord<byte[], byte[]>> eventTime, int maxHeldPerPartition) {
        super(delegate);
        this.merge = new EventTimeMerge(eventTime, maxHeldPerPartition);
    }

    @Override
    public ConsumerRecords<byte[], byte[]> poll(Duration timeout) {
        EventTimeMerge.Released ready = merge.release(pausedByStreams, delegate::currentLag);
        ConsumerRecords<byte[], byte[]> fetched = delegate.poll(ready.isEmpty() ? timeout : Duration.ZERO);
        merge.add(fetched);
        ready.then(merge.release(pausedByStreams, delegate::currentLag));
        boundHeld();
        return ready.asRecords();
    }

    /** Pauses fetching for partitions that hold too much while their task waits, resumes the others. */
    private void boundHeld() {
        Set<TopicPartition> full = merge.full();
        Set<TopicPartition> resume = new HashSet<>();
        for (TopicPartition tp : pausedWhileHeld) {
            if (!full.contains(tp)) {
                resume.add(tp);
            }
        }
        pausedWhileHeld.removeAll(resume);
        resume.removeAll(pausedByStreams);
        if (!resume.isEmpty()) {
            delegate.resume(resume);
        }
        full.removeAll(pausedWhileHeld);
        if (!full.isEmpty()) {
            pausedWhileHeld.addAll(full);
            delegate.pause(full);
        }
    }

    @Override
    public void pause(Collection<TopicPartition> partitions) {
        pausedByStreams.addAll(partitions);
        delegate.pause(partitions);
    }

    @Override
    public void resume(Collection<TopicPartition> partitions) {
        pausedByStreams.removeAll(partitions);
        Set<TopicPartition> resume = new HashSet<>(partitions);
        resume.removeAll(pausedWhileHeld);
        delegate.resume(resume);
    }

    @Override
    public Set<TopicPartition> paused() {
        return Set.copyOf(pausedByStreams);
    }

    @Override
    public long position(TopicPartition partition) {
        OptionalLong held = merge.firstHeldOffset(partition);
        return held.isPresent() ? held.getAsLong() : delegate.position(partition);
    }

    @Override
    public long position(TopicPartition partition, Duration timeout) {
        OptionalLong held = merge.firstHeldOffset(partition);
        return held.isPresent() ? held.getAsLong() : delegate.position(partition, timeout);
    }

    @Override
    public OptionalLong currentLag(TopicPartition partition) {
        OptionalLong lag = delegate.currentLag(partition);
        return lag.isPresent() ? OptionalLong.of(lag.getAsLong() + merge.held(partition)) : lag;
    }

    @Override
    public void seek(TopicPartition partition, long offset) {
        forget(List.of(partition));
        delegate.seek(partition, offset);
    }

    @Override
    public void seek(TopicPartition partition, OffsetAndMetadata offsetAndMetadata) {
        forget(List.of(partition));
        delegate.seek(partition, offsetAndMetadata);
    }

    @Override
    public void seekToBeginning(Collection<TopicPartition> partitions) {
        forget(partitions);
        delegate.seekToBeginning(partitions);
    }

    @Override
    public void seekToEnd(Collection<TopicPartition> partitions) {
        forget(partitions);
        delegate.seekToEnd(partitions);
    }

    private void forget(Collection<TopicPartition> partitions) {
        merge.forget(partitions);
        Set<TopicPartition> resume = new HashSet<>();
        for (TopicPartition tp : partitions) {
            if (pausedWhileHeld.remove(tp) && !pausedByStreams.contains(tp)) {
                resume.add(tp);
            }
        }
        if (!resume.isEmpty() && delegate.assignment().containsAll(resume)) {
            delegate.resume(resume);
        }
    }

    private ConsumerRebalanceListener forgetting(ConsumerRebalanceListener listener) {
        return new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                dropAssignment(partitions);
                listener.onPartitionsRevoked(partitions);
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                merge.assign(partitions);
                listener.onPartitionsAssigned(partitions);
            }

            @Override
            public void onPartitionsLost(Collection<TopicPartition> partitions) {
                dropAssignment(partitions);
                listener.onPartitionsLost(partitions);
            }
        };
    }

    private void dropAssignment(Collection<TopicPartition> partitions) {
        merge.unassign(partitions);
        pausedWhileHeld.removeAll(partitions);
        pausedByStreams.removeAll(partitions);
    }

    @Override
    public void subscribe(Collection<String> topics, ConsumerRebalanceListener listener) {
        delegate.subscribe(topics, forgetting(listener));
    }

    @Override
    public void subscribe(Pattern pattern, ConsumerRebalanceListener listener) {
        delegate.subscribe(pattern, forgetting(listener));
    }

    @Override
    public void subscribe(SubscriptionPattern pattern, ConsumerRebalanceListener listener) {
        delegate.subscribe(pattern, forgetting(listener));
    }

    @Override
    public void subscribe(Collection<String> topics) {
        subscribe(topics, NO_LISTENER);
    }

    @Override
    public void subscribe(Pattern pattern) {
        subscribe(pattern, NO_LISTENER);
    }

    @Override
    public void subscribe(SubscriptionPattern pattern) {
        subscribe(pattern, NO_LISTENER);
    }

    @Override
    public void assign(Collection<TopicPartition> partitions) {
        Set<TopicPartition> dropped = new HashSet<>(delegate.assignment());
        dropped.removeAll(partitions);
        dropAssignment(dropped);
        merge.assign(partitions);
        delegate.assign(partitions);
    }

    @Override
    public void unsubscribe() {
        clear();
        delegate.unsubscribe();
    }

    private void clear() {
        merge.unassignAll();
        pausedWhileHeld.clear();
        pausedByStreams.clear();
    }

    @Override
    public void close() {
        clear();
        delegate.close();
    }

    @Override
    public void close(Duration timeout) {
        clear();
        delegate.close(timeout);
    }

    @Override
    public void close(CloseOptions option) {
        clear();
        delegate.close(option);
    }
}
