package io.smoketrace.agent.publish;

import io.smoketrace.agent.spool.TraceSpool;
import io.smoketrace.common.serde.CloudEventHeaders;
import io.smoketrace.common.serde.Json;
import io.smoketrace.common.topic.TopicSpec;
import io.smoketrace.common.topic.Topics;
import io.smoketrace.common.trace.Trace;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.InterruptException;
import org.jboss.logging.Logger;

/**
 * Drains the spool to {@code smoketrace.traces.v1} in order: a batch is sent, and the spool lets go
 * of a trace only once the broker acknowledged it and every trace before it. When Kafka is away the
 * batch is retried with back-off (up to {@link #MAX_BACKOFF}) while runs keep filling the spool.
 * Each record is keyed {@code agentId/targetId} and carries CloudEvents headers with
 * {@code ce_id = traceId}, so a trace sent twice (acknowledged, then the agent died before noting it)
 * is recognisably the same event.
 */
public final class TracePublisher implements Runnable {

    private static final Logger LOG = Logger.getLogger(TracePublisher.class);
    private static final TopicSpec TOPIC = Topics.spec(Topics.TRACES);
    private static final Duration MIN_BACKOFF = Duration.ofMillis(500);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final TraceSpool spool;
    private final KafkaLink link;
    private final String source;
    private final int batchSize;
    private final IntConsumer published;
    /** Records the broker has taken that cannot leave the spool yet because one before them has not. */
    private final Set<TraceSpool.Position> delivered = new HashSet<>();
    private volatile boolean running = true;
    private volatile boolean draining;
    private volatile Thread thread;

    public TracePublisher(TraceSpool spool, KafkaLink link, String agentId, int batchSize, IntConsumer published) {
        this.spool = spool;
        this.link = link;
        this.source = "/smoketrace/probe-agent/" + agentId;
        this.batchSize = batchSize;
        this.published = published;
    }

    /** Starts draining on its own thread. */
    public void start() {
        thread = Thread.ofPlatform().name("trace-publisher").daemon().start(this);
    }

    /**
     * Sends what the spool holds while Kafka takes it, for at most {@code grace}, then stops; what is
     * left stays in the spool for the next start.
     */
    public void stop(Duration grace) throws InterruptedException {
        draining = true;
        Thread t = thread;
        if (t == null) {
            return;
        }
        spool.wakeUp();
        t.join(grace.toMillis());
        running = false;
        t.interrupt();
        t.join(2000);
    }

    @Override
    public void run() {
        Duration backoff = MIN_BACKOFF;
        while (running) {
            try {
                List<TraceSpool.Entry> batch = spool.peek(batchSize);
                if (batch.isEmpty()) {
                    if (draining) {
                        return;
                    }
                    spool.awaitRecords(1000);
                    continue;
                }
                if (sendInOrder(batch) > 0) {
                    backoff = MIN_BACKOFF;
                } else if (draining) {
                    return;
                } else {
                    Thread.sleep(backoff.toMillis());
                    backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (IOException e) {
                LOG.errorf(e, "cannot read the spool; retrying in %s", backoff);
                try {
                    Thread.sleep(backoff.toMillis());
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    /**
     * Sends a batch and acknowledges the longest prefix the broker has taken; returns how many that
     * was. A record the broker took while an earlier one failed (another partition) is remembered
     * and not sent again when the batch is retried, so a partial failure makes no duplicates.
     */
    int sendInOrder(List<TraceSpool.Entry> batch) throws IOException, InterruptedException {
        List<TraceSpool.Entry> toSend = new ArrayList<>(batch.size());
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>(batch.size());
        for (TraceSpool.Entry entry : batch) {
            if (delivered.contains(entry.start())) {
                continue;
            }
            try {
                records.add(record(entry.payload()));
                toSend.add(entry);
            } catch (IOException | RuntimeException e) {
                if (records.isEmpty() && entry == batch.getFirst()) {
                    // A record that cannot be read would block every trace behind it: it goes, loudly.
                    LOG.errorf("dropping spool record at %s: not a readable trace (%s)", entry.start(), e.getMessage());
                    spool.acknowledge(List.of(entry));
                    return 1;
                }
                break;
            }
        }
        try {
            // With the topic's metadata known, sends fail (if at all) per partition and in order; without it
            // an early record could fail while later ones of the same key get through, out of order.
            link.producer().partitionsFor(TOPIC.name());
        } catch (InterruptException e) {
            throw new InterruptedException("stopped while sending");
        } catch (RuntimeException e) {
            link.failed(e);
            return 0;
        }
        List<Future<RecordMetadata>> futures = new ArrayList<>(records.size());
        Throwable failure = null;
        try {
            for (ProducerRecord<String, byte[]> record : records) {
                futures.add(link.producer().send(record));
            }
            link.producer().flush();
        } catch (InterruptException e) {
            throw new InterruptedException("stopped while sending");
        } catch (RuntimeException e) {
            // send() itself refused (no metadata within max.block.ms, producer closed): the same outage.
            failure = e;
        }
        for (int i = 0; i < futures.size(); i++) {
            try {
                futures.get(i).get();
                delivered.add(toSend.get(i).start());
            } catch (ExecutionException e) {
                failure = failure == null ? e.getCause() : failure;
            }
        }
        int prefix = 0;
        while (prefix < batch.size() && delivered.contains(batch.get(prefix).start())) {
            prefix++;
        }
        if (prefix > 0) {
            List<TraceSpool.Entry> done = batch.subList(0, prefix);
            spool.acknowledge(done);
            done.forEach(e -> delivered.remove(e.start()));
            published.accept(prefix);
        }
        if (failure != null) {
            link.failed(failure);
        } else if (!futures.isEmpty()) {
            link.succeeded();
        }
        return prefix;
    }

    private ProducerRecord<String, byte[]> record(byte[] payload) throws IOException {
        Trace trace = Json.mapper().readValue(payload, Trace.class);
        Instant time = trace.finishedAt() != null ? trace.finishedAt() : trace.startedAt();
        return new ProducerRecord<>(TOPIC.name(), null, trace.key(), payload,
                CloudEventHeaders.create(TOPIC, source, trace.traceId(), time));
    }
}
