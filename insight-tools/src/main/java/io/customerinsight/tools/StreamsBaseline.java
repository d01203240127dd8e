package io.customerinsight.tools;

import io.customerinsight.config.AppConfig;
import io.customerinsight.config.TopicRole;
import io.customerinsight.events.ClickEvent;
import io.customerinsight.events.ContractLimits;
import io.customerinsight.events.EventParser;
import io.customerinsight.events.EventSerdes;
import io.customerinsight.events.ParsedEvent;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

import java.nio.file.Files;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The floor the framework sets on this machine: a Kafka Streams application that only parses each event
 * with the same parser and counts it in a per-customer state store, with the same processing guarantee
 * and threads as the pipeline. The pipeline cannot beat it; the gap between the two is the app's own cost.
 */
final class StreamsBaseline {
    private StreamsBaseline() {
    }

    /**
     * Events per second once started, stream-thread CPU nanoseconds per event over the same events, and the
     * share of that time the JIT compiler was busy.
     */
    record Result(double rate, double cpuNanosPerEvent, double jitShare) {
    }

    static Result rate(AppConfig config, long expected) throws Exception {
        AtomicLong processed = new AtomicLong();
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore("counts"),
                Serdes.String(), Serdes.Long()).withCachingEnabled());
        builder.stream(config.topic(TopicRole.CLICKSTREAM), Consumed.with(Serdes.String(),
                        EventSerdes.parsedClickEvents(new EventParser(ContractLimits.defaults()))))
                .mapValues(ParsedEvent::orThrow)
                .process(() -> new Processor<String, ClickEvent, Void, Void>() {
                    private KeyValueStore<String, Long> counts;

                    @Override
                    public void init(ProcessorContext<Void, Void> context) {
                        counts = context.getStateStore("counts");
                    }

                    @Override
                    public void process(Record<String, ClickEvent> record) {
                        Long n = counts.get(record.key());
                        counts.put(record.key(), n == null ? 1 : n + 1);
                        processed.incrementAndGet();
                    }
                }, "counts");
        Properties props = new Properties();
        props.putAll(config.kafkaSettings());
        String applicationId = config.get("application.id") + "-floor";
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("insight-baseline").toString());
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 1000);
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 64L * 1024 * 1024);
        try (KafkaStreams streams = new KafkaStreams(builder.build(), props)) {
            streams.start();
            while (processed.get() == 0) {
                Thread.sleep(5);
            }
            long started = System.nanoTime();
            JitCompilation jit = JitCompilation.start();
            long cpuBefore = StreamThreadCpu.nanos(applicationId);
            long first = processed.get();
            while (processed.get() < expected) {
                Thread.sleep(20);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            return new Result((expected - first) / seconds,
                    (StreamThreadCpu.nanos(applicationId) - cpuBefore) / (double) (expected - first), jit.share());
        }
    }
}
