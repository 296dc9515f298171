package io.smoketrace.analyzer.listener;

import io.smallrye.mutiny.Uni;
import io.smoketrace.analyzer.service.TraceAnalysisException;
import io.smoketrace.analyzer.service.TraceIngestService;
import io.smoketrace.common.serde.ContractViolationException;
import io.smoketrace.common.serde.TopicCodec;
import io.smoketrace.common.trace.Trace;
import io.smoketrace.support.DeadLetterPublisher;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Consumes {@code smoketrace.traces.v1}. A record is acknowledged (and its offset becomes committable)
 * only once it is analysed, stored and its events published; a record that breaks the contract goes to
 * the dead-letter topic instead. Traces wait until the RIB and the targets are loaded: analysed against
 * a partial RIB, every path would look changed.
 */
@ApplicationScoped
public class TraceListener {

    /** The incoming channel bound to {@code smoketrace.traces.v1}. */
    public static final String CHANNEL = "traces";

    private static final Logger LOG = Logger.getLogger(TraceListener.class);
    private static final TopicCodec<Trace> CODEC = TopicCodec.of(Trace.class);

    private final TraceIngestService ingest;
    private final DeadLetterPublisher deadLetters;
    private final Bootstrap bootstrap;

    public TraceListener(TraceIngestService ingest, DeadLetterPublisher deadLetters, Bootstrap bootstrap) {
        this.ingest = ingest;
        this.deadLetters = deadLetters;
        this.bootstrap = bootstrap;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
        Trace trace;
        try {
            trace = CODEC.decode(record.value());
        } catch (ContractViolationException e) {
            return deadLetters.reject(record, e.getMessage());
        }
        // A database outage must not skip traces: retry until it is back, holding this partition.
        return whenReady().chain(() -> ingest.ingest(trace))
                .onFailure(TraceAnalysisException.class).recoverWithUni(e -> deadLetters.reject(record, e.getMessage()))
                .onFailure().invoke(e -> LOG.warnf("cannot store trace %s yet (%s); retrying", trace.traceId(), e.getMessage()))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).indefinitely();
    }

    /** Completes when traces can be analysed, back on the caller's Vert.x context (the database needs it). */
    private Uni<Void> whenReady() {
        if (bootstrap.done().isDone()) {
            return Uni.createFrom().voidItem();
        }
        Context context = Vertx.currentContext();
        Uni<Void> ready = Uni.createFrom().completionStage(bootstrap.done());
        return context == null ? ready : ready.emitOn(task -> context.runOnContext(ignored -> task.run()));
    }
}
