package io.smoketrace.alerting.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.smallrye.mutiny.Uni;
import io.smoketrace.alerting.Routing;
import io.smoketrace.alerting.Rule;
import io.smoketrace.alerting.Silence;
import io.smoketrace.alerting.StoredRouting;
import io.smoketrace.alerting.StoredRule;
import io.smoketrace.alerting.StoredSilence;
import io.smoketrace.common.serde.Json;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.hibernate.reactive.mutiny.Mutiny;

/** What users configured: rules, silences and the routing set through the API, each as its JSON definition. */
@ApplicationScoped
public class DefinitionRepository {

    public Uni<List<Rule>> rules(Mutiny.Session session) {
        return session.createSelectionQuery("from StoredRule order by ruleId", StoredRule.class).getResultList()
                .map(rows -> rows.stream().map(r -> read(r.definition, Rule.class)).toList());
    }

    public Uni<Rule> rule(Mutiny.Session session, String id) {
        return session.find(StoredRule.class, id).map(r -> r == null ? null : read(r.definition, Rule.class));
    }

    /** Stores the rule; completes with true when it is new. */
    public Uni<Boolean> saveRule(Mutiny.Session session, Rule rule) {
        return session.find(StoredRule.class, rule.id()).chain(existing -> {
            StoredRule row = existing == null ? new StoredRule() : existing;
            row.ruleId = rule.id();
            row.definition = write(rule);
            row.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
            return (existing == null ? session.persist(row) : Uni.createFrom().voidItem()).replaceWith(existing == null);
        });
    }

    public Uni<Boolean> deleteRule(Mutiny.Session session, String id) {
        return session.find(StoredRule.class, id)
                .chain(row -> row == null ? Uni.createFrom().item(false) : session.remove(row).replaceWith(true));
    }

    /** Silences that have not expired. */
    public Uni<List<Silence>> silences(Mutiny.Session session, boolean includeExpired) {
        String query = includeExpired ? "from StoredSilence order by endsAt desc"
                : "from StoredSilence where endsAt > current_timestamp order by endsAt";
        return session.createSelectionQuery(query, StoredSilence.class).getResultList()
                .map(rows -> rows.stream().map(r -> read(r.definition, Silence.class)).toList());
    }

    public Uni<Silence> silence(Mutiny.Session session, String id) {
        return session.find(StoredSilence.class, id).map(r -> r == null ? null : read(r.definition, Silence.class));
    }

    public Uni<Void> saveSilence(Mutiny.Session session, Silence silence) {
        return session.find(StoredSilence.class, silence.id()).chain(existing -> {
            StoredSilence row = existing == null ? new StoredSilence() : existing;
            row.silenceId = silence.id();
            row.definition = write(silence);
            row.endsAt = silence.endsAt().atOffset(ZoneOffset.UTC);
            return existing == null ? session.persist(row) : Uni.createFrom().voidItem();
        });
    }

    /** The routing set through the API, or null. */
    public Uni<Routing> routing(Mutiny.Session session) {
        return session.find(StoredRouting.class, 1).map(r -> r == null ? null : read(r.definition, Routing.class));
    }

    public Uni<Void> saveRouting(Mutiny.Session session, Routing routing) {
        return session.find(StoredRouting.class, 1).chain(existing -> {
            StoredRouting row = existing == null ? new StoredRouting() : existing;
            row.routingId = 1;
            row.definition = write(routing);
            row.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
            return existing == null ? session.persist(row) : Uni.createFrom().voidItem();
        });
    }

    static String write(Object value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    static <T> T read(String json, Class<T> type) {
        try {
            return Json.mapper().readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored " + type.getSimpleName() + " is unreadable: " + e.getOriginalMessage(), e);
        }
    }
}
