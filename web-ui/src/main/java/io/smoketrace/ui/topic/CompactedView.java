package io.smoketrace.ui.topic;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smoketrace.common.serde.ContractViolationException;
import io.smoketrace.common.serde.TopicCodec;
import io.smoketrace.common.serde.Violation;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * The current state of one compacted topic, key to latest value, rebuilt by reading the topic from
 * the beginning. Records that break the topic's contract are kept aside (shown, counted, logged).
 *
 * @param <T> the record type
 */
public abstract class CompactedView<T> {

    private static final Logger LOG = Logger.getLogger(CompactedView.class);
    private static final int UNREADABLE_KEPT = 50;

    private final Map<String, T> entries = new ConcurrentSkipListMap<>();
    private final ConcurrentLinkedDeque<UnreadableRecord> unreadable = new ConcurrentLinkedDeque<>();
    private final TopicCodec<T> codec;
    private final Function<T, String> idOf;
    private final CompactedTopicReader reader;
    private final MeterRegistry registry;

    /**
     * @param type the record type (its topic comes from the catalogue)
     * @param idOf the id in a record, which must equal the key
     * @param view this view's name in live updates and meters
     */
    protected CompactedView(Class<T> type, Function<T, String> idOf, String view, String bootstrap,
                            LiveUpdates live, MeterRegistry registry) {
        this.codec = TopicCodec.of(type);
        this.idOf = idOf;
        this.registry = registry;
        this.reader = new CompactedTopicReader(codec.spec().name(), bootstrap, this::apply, () -> live.changed(view));
        Gauge.builder("smoketrace.ui.view.entries", entries, Map::size).tag("topic", codec.spec().name())
                .description("Keys currently held in the console's view of a compacted topic").register(registry);
    }

    /** Starts reading; call once at start-up. */
    protected void startReading() {
        reader.start();
    }

    /** Stops reading; call at shutdown. */
    protected void stopReading() {
        reader.close();
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null) {
            reject(record, "record has no key");
        } else if (record.value() == null) {
            entries.remove(record.key());
        } else {
            try {
                T value = codec.decode(record.value());
                String id = idOf.apply(value);
                if (!id.equals(record.key())) {
                    reject(record, "id '" + id + "' in the value differs from the key");
                } else {
                    entries.put(record.key(), value);
                }
            } catch (ContractViolationException e) {
                reject(record, e.violations().stream().map(Violation::toString).collect(Collectors.joining("; ")));
            }
        }
    }

    private void reject(ConsumerRecord<String, byte[]> record, String reason) {
        LOG.warnf("ignoring record %s-%d@%d (key %s): %s", record.topic(), record.partition(), record.offset(),
                record.key(), reason);
        registry.counter("smoketrace.ui.records.unreadable", "topic", record.topic()).increment();
        unreadable.addFirst(new UnreadableRecord(record.key(),
                record.topic() + "-" + record.partition() + "@" + record.offset(), reason));
        while (unreadable.size() > UNREADABLE_KEPT) {
            unreadable.pollLast();
        }
    }

    /** Every current value, ordered by key. */
    public List<T> all() {
        return List.copyOf(entries.values());
    }

    public Optional<T> find(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    /** The latest records that could not be read, newest first. */
    public List<UnreadableRecord> unreadable() {
        return List.copyOf(unreadable);
    }

    /** The reader, for its state (caught up, problem). */
    public CompactedTopicReader reader() {
        return reader;
    }

    /** Waits until the record at this partition and offset is part of the view. */
    public boolean awaitApplied(int partition, long offset, Duration timeout) throws InterruptedException {
        return reader.awaitApplied(partition, offset, timeout);
    }
}
