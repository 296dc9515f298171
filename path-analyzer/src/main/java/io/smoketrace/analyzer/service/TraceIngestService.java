package io.smoketrace.analyzer.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smoketrace.analyzer.repository.TraceRepository;
import io.smoketrace.common.trace.Trace;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

/** Takes each trace from the topic into the database, one transaction per trace. */
@ApplicationScoped
public class TraceIngestService {

    private static final Logger LOG = Logger.getLogger(TraceIngestService.class);

    private final Mutiny.SessionFactory sessions;
    private final TraceRepository traces;
    private final Counter stored;
    private final Counter duplicates;

    public TraceIngestService(Mutiny.SessionFactory sessions, TraceRepository traces, MeterRegistry registry) {
        this.sessions = sessions;
        this.traces = traces;
        this.stored = Counter.builder("smoketrace.analyzer.traces.stored")
                .description("Traces stored in the database").register(registry);
        this.duplicates = Counter.builder("smoketrace.analyzer.traces.duplicate")
                .description("Traces received again (replay) and not stored twice").register(registry);
    }

    /** Stores the trace; completes when it is committed. */
    public Uni<Void> ingest(Trace trace) {
        return sessions.withTransaction((session, tx) -> traces.insert(session, trace))
                .invoke(isNew -> {
                    if (isNew) {
                        stored.increment();
                    } else {
                        duplicates.increment();
                        LOG.debugf("trace %s from %s was already stored (replay)", trace.traceId(), trace.key());
                    }
                })
                .replaceWithVoid();
    }
}
