package io.smoketrace.alerting.service;

import io.smallrye.mutiny.Uni;
import io.smoketrace.alerting.Silence;
import io.smoketrace.alerting.repository.DefinitionRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

/** Silences: checked, stored, applied to the engine; expiring one ends it now and keeps it on record. */
@ApplicationScoped
public class SilenceService {

    private static final Logger LOG = Logger.getLogger(SilenceService.class);

    private final Mutiny.SessionFactory sessions;
    private final DefinitionRepository definitions;
    private final DefinitionChecks checks;
    private final AlertPipeline pipeline;
    private final Clock clock;

    public SilenceService(Mutiny.SessionFactory sessions, DefinitionRepository definitions, DefinitionChecks checks,
                          AlertPipeline pipeline, Clock clock) {
        this.sessions = sessions;
        this.definitions = definitions;
        this.checks = checks;
        this.pipeline = pipeline;
        this.clock = clock;
    }

    public Uni<List<Silence>> all(boolean includeExpired) {
        return sessions.withSession(s -> definitions.silences(s, includeExpired));
    }

    public Uni<Silence> find(String id) {
        return sessions.withSession(s -> definitions.silence(s, id));
    }

    /** Creates a silence (a new id is assigned); refused with the fields named when it is invalid. */
    public Uni<Silence> create(Silence request) {
        checks.check("silence", request, Silence::problems);
        Instant now = clock.instant();
        if (!request.endsAt().isAfter(now)) {
            throw new InvalidDefinitionException("silence", List.of("endsAt: must be in the future (now is " + now + ")"));
        }
        Silence silence = new Silence(UUID.randomUUID().toString(), request.matchers(),
                request.startsAt() == null ? now : request.startsAt(), request.endsAt(), request.createdBy(), request.comment());
        return sessions.withTransaction((s, tx) -> definitions.saveSilence(s, silence))
                .chain(this::reload)
                .invoke(() -> LOG.infof("silence %s created by %s until %s: %s", silence.id(),
                        silence.createdBy() == null ? "(unknown)" : silence.createdBy(), silence.endsAt(), silence.matchers()))
                .replaceWith(silence);
    }

    /** Expires the silence now; completes with null when there is none. */
    public Uni<Silence> expire(String id) {
        return sessions.withTransaction((s, tx) -> definitions.silence(s, id).chain(found -> {
                    if (found == null) {
                        return Uni.createFrom().nullItem();
                    }
                    Silence expired = found.expiredAt(clock.instant());
                    return definitions.saveSilence(s, expired).replaceWith(expired);
                }))
                .call(expired -> expired == null ? Uni.createFrom().voidItem() : reload())
                .invoke(expired -> {
                    if (expired != null) {
                        LOG.infof("silence %s expired", id);
                    }
                });
    }

    /** Gives the engine the silences that have not expired. */
    public Uni<Void> reload() {
        return sessions.withSession(s -> definitions.silences(s, false))
                .invoke(active -> pipeline.engine().setSilences(active))
                .replaceWithVoid();
    }
}
