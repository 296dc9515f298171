package io.smoketrace.ui.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smoketrace.common.serde.TopicCodec;
import io.smoketrace.common.target.AgentSelector;
import io.smoketrace.common.target.TargetSpec;
import io.smoketrace.ui.Actor;
import io.smoketrace.ui.AuditEvent;
import io.smoketrace.ui.repository.AuditRepository;
import io.smoketrace.ui.topic.TargetCatalog;
import io.smoketrace.ui.topic.TargetPublisher;
import io.smoketrace.ui.topic.TargetPublisher.Change;
import io.smoketrace.ui.topic.TargetPublisher.Written;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Adds, changes, deletes and imports targets: validates them, publishes them to the targets topic in
 * one transaction per change, writes the audit log in the same breath, and returns once the console
 * has read the change back from the topic. Called from worker threads (it blocks). Changes are made
 * one at a time, so a check ("does this id exist?") always sees the change before it.
 */
@ApplicationScoped
public class TargetService {

    private static final Logger LOG = Logger.getLogger(TargetService.class);
    private static final TopicCodec<TargetSpec> CODEC = TopicCodec.of(TargetSpec.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(45);
    private static final Duration READ_BACK = Duration.ofSeconds(10);

    /** The outcome of a change: saved, or the form(s) with what is wrong. */
    public record Outcome(boolean saved, TargetForm form, List<TargetImport.Line> badLines, int count) {

        static Outcome refused(TargetForm form) {
            return new Outcome(false, form, List.of(), 0);
        }
    }

    private final TargetCatalog catalog;
    private final TargetPublisher publisher;
    private final AuditRepository audit;
    private final MeterRegistry registry;
    private final Clock clock = Clock.systemUTC();

    public TargetService(TargetCatalog catalog, TargetPublisher publisher, AuditRepository audit, MeterRegistry registry) {
        this.catalog = catalog;
        this.publisher = publisher;
        this.audit = audit;
        this.registry = registry;
    }

    /** Adds a new target; an empty id is made from the host. */
    public synchronized Outcome create(TargetForm form, Actor actor) {
        TargetForm withId = form;
        if (form.value("targetId").isEmpty() && !form.value("host").isEmpty()) {
            Map<String, String> values = new LinkedHashMap<>(form.values());
            values.put("targetId", TargetImport.targetId(form.value("host"), form.value("protocol"), form.value("port")));
            withId = new TargetForm(values, Map.of(), false);
        }
        TargetRules.Outcome checked = TargetRules.check(withId, actor.name(), clock.instant());
        if (!checked.valid()) {
            // Shown as typed: an id made from a host that is wrong would only be in the way.
            return refuse("create", form.withErrors(checked.form().errors()));
        }
        TargetSpec spec = checked.spec();
        if (catalog.find(spec.targetId()).isPresent()) {
            return refuse("create", form.withErrors(Map.of("targetId",
                    "a target " + spec.targetId() + " exists already: pick another id or edit that one")));
        }
        apply(actor, List.of(new Change(spec.targetId(), spec)),
                List.of(event(actor, "TARGET_CREATED", spec.targetId(), "added target " + describe(spec), null, spec)));
        return new Outcome(true, checked.form(), List.of(), 1);
    }

    /** Changes an existing target; its id stays. */
    public synchronized Outcome update(String targetId, TargetForm form, Actor actor) {
        Optional<TargetSpec> before = catalog.find(targetId);
        Map<String, String> values = new LinkedHashMap<>(form.values());
        values.put("targetId", targetId);
        TargetForm editing = new TargetForm(values, Map.of(), true);
        if (before.isEmpty()) {
            return refuse("update", editing.withErrors(Map.of(TargetForm.GENERAL,
                    "target " + targetId + " is no longer on the targets topic (deleted meanwhile?)")));
        }
        TargetRules.Outcome checked = TargetRules.check(editing, actor.name(), clock.instant());
        if (!checked.valid()) {
            return refuse("update", checked.form());
        }
        TargetSpec spec = checked.spec();
        apply(actor, List.of(new Change(targetId, spec)), List.of(event(actor, "TARGET_UPDATED", targetId,
                "changed target " + describe(spec) + changes(before.get(), spec), before.get(), spec)));
        return new Outcome(true, checked.form(), List.of(), 1);
    }

    /** Deletes a target (a tombstone on the topic); false when there was no such target. */
    public synchronized boolean delete(String targetId, Actor actor) {
        Optional<TargetSpec> before = catalog.find(targetId);
        if (before.isEmpty()) {
            return false;
        }
        apply(actor, List.of(new Change(targetId, null)), List.of(event(actor, "TARGET_DELETED", targetId,
                "deleted target " + describe(before.get()), before.get(), null)));
        return true;
    }

    /**
     * Imports targets, all or nothing: if any line is bad, nothing is published and every bad line is
     * returned with its errors.
     */
    public synchronized Outcome importTargets(String content, String selectorAgents, String selectorTags, Actor actor) {
        List<TargetImport.Line> lines = TargetImport.parse(content, selectorAgents, selectorTags);
        if (lines.isEmpty()) {
            return refuse("import", TargetForm.blank().withErrors(Map.of(TargetForm.GENERAL,
                    "the file has no target lines (one per line: host[,tool,protocol,port,interval,tags...])")));
        }
        if (lines.size() > TargetImport.MAX_LINES) {
            return refuse("import", TargetForm.blank().withErrors(Map.of(TargetForm.GENERAL,
                    "at most " + TargetImport.MAX_LINES + " targets per import, this file has " + lines.size())));
        }
        Instant now = clock.instant();
        List<TargetImport.Line> bad = new ArrayList<>();
        List<TargetSpec> specs = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (TargetImport.Line line : lines) {
            TargetRules.Outcome checked = TargetRules.check(line.form(), actor.name(), now);
            Map<String, String> errors = new LinkedHashMap<>(checked.form().errors());
            String id = line.form().value("targetId");
            Integer first = seen.putIfAbsent(id, line.number());
            if (first != null) {
                errors.putIfAbsent("targetId", "target id " + id + " is also made by line " + first
                        + ": give one of them another port or protocol");
            } else if (catalog.find(id).isPresent()) {
                errors.putIfAbsent("targetId", "target " + id + " exists already: edit it, or delete it before importing");
            }
            if (errors.isEmpty()) {
                specs.add(checked.spec());
            } else {
                bad.add(new TargetImport.Line(line.number(), line.text(), line.form().withErrors(errors)));
            }
        }
        if (!bad.isEmpty()) {
            registry.counter("smoketrace.ui.target.changes.refused", "action", "import").increment();
            LOG.infof("refused import by %s: %d of %d lines are bad, nothing imported", actor.name(), bad.size(),
                    lines.size());
            return new Outcome(false, null, bad, lines.size());
        }
        List<Change> changes = specs.stream().map(s -> new Change(s.targetId(), s)).toList();
        List<AuditEvent> events = specs.stream().map(s -> event(actor, "TARGET_IMPORTED", s.targetId(),
                "imported target " + describe(s), null, s)).toList();
        apply(actor, changes, events);
        return new Outcome(true, null, List.of(), specs.size());
    }

    private Outcome refuse(String action, TargetForm form) {
        registry.counter("smoketrace.ui.target.changes.refused", "action", action).increment();
        return Outcome.refused(form);
    }

    /** Audit, publish, read back. */
    private void apply(Actor actor, List<Change> changes, List<AuditEvent> events) {
        Uni<List<Written>> publish = Uni.createFrom().item(() -> publisher.publish(changes))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        List<Written> written = audit.recordAround(events, publish,
                        done -> done.stream().map(Written::toString).toList())
                .await().atMost(TIMEOUT);
        for (AuditEvent event : events) {
            LOG.infof("%s %s (as %s from %s)", actor.name(), event.summary(), actor.role().roleName(),
                    actor.remoteAddress());
            registry.counter("smoketrace.ui.target.changes", "action", event.action()).increment();
        }
        awaitReadBack(written);
    }

    /** Returns once the catalog shows the change, so the next page shows it (or after a few seconds, saying so). */
    private void awaitReadBack(List<Written> written) {
        Map<Integer, Long> last = new HashMap<>();
        written.forEach(w -> last.merge(w.partition(), w.offset(), Math::max));
        try {
            for (Map.Entry<Integer, Long> entry : last.entrySet()) {
                if (!catalog.awaitApplied(entry.getKey(), entry.getValue(), READ_BACK)) {
                    LOG.warnf("published, but not read back from the targets topic within %d s; the list may lag",
                            READ_BACK.toSeconds());
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static AuditEvent event(Actor actor, String action, String targetId, String summary, TargetSpec before,
                                    TargetSpec after) {
        return new AuditEvent(0, Instant.now(), actor.name(), actor.role().roleName(), action, "target", targetId,
                summary, json(before), json(after), null, actor.remoteAddress());
    }

    private static String json(TargetSpec spec) {
        return spec == null ? null : new String(CODEC.encode(spec), StandardCharsets.UTF_8);
    }

    /** A target in a few words: {@code web (www.example.net, MTR/ICMP every 60 s, agents fra1, tags europe)}. */
    public static String describe(TargetSpec spec) {
        StringBuilder sb = new StringBuilder(spec.targetId()).append(" (").append(spec.host()).append(", ")
                .append(spec.tool()).append('/').append(spec.protocol());
        if (spec.port() != null) {
            sb.append(" port ").append(spec.port());
        }
        sb.append(" every ").append(spec.intervalSeconds()).append(" s, ").append(selector(spec.selector()));
        if (!spec.enabled()) {
            sb.append(", paused");
        }
        return sb.append(')').toString();
    }

    /** Which agents run it, in words. */
    public static String selector(AgentSelector selector) {
        if (selector.agents().isEmpty() && selector.tags().isEmpty()) {
            return "all agents";
        }
        List<String> parts = new ArrayList<>();
        if (!selector.agents().isEmpty()) {
            parts.add("agents " + String.join(", ", selector.agents()));
        }
        if (!selector.tags().isEmpty()) {
            parts.add("agents tagged " + String.join(", ", selector.tags()));
        }
        return String.join(" or ", parts);
    }

    /** What changed between two versions, field by field: {@code ; intervalSeconds 60 → 30}. */
    private static String changes(TargetSpec before, TargetSpec after) {
        var old = CODEC.toTree(before);
        var now = CODEC.toTree(after);
        List<String> diffs = new ArrayList<>();
        for (String field : TargetForm.FIELDS) {
            String pointer = "/" + field.replace('.', '/');
            String a = old.at(pointer).isMissingNode() ? "-" : old.at(pointer).toString();
            String b = now.at(pointer).isMissingNode() ? "-" : now.at(pointer).toString();
            if (!a.equals(b)) {
                diffs.add(field + " " + a + " → " + b);
            }
        }
        return diffs.isEmpty() ? "; nothing changed" : "; " + String.join(", ", diffs);
    }
}
