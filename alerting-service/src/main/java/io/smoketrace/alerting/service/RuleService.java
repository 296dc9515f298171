package io.smoketrace.alerting.service;

import io.smallrye.mutiny.Uni;
import io.smoketrace.alerting.Rule;
import io.smoketrace.alerting.repository.DefinitionRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

/** Rules: checked, stored, then applied to the engine. */
@ApplicationScoped
public class RuleService {

    private static final Logger LOG = Logger.getLogger(RuleService.class);

    private final Mutiny.SessionFactory sessions;
    private final DefinitionRepository definitions;
    private final DefinitionChecks checks;
    private final AlertPipeline pipeline;

    public RuleService(Mutiny.SessionFactory sessions, DefinitionRepository definitions, DefinitionChecks checks,
                       AlertPipeline pipeline) {
        this.sessions = sessions;
        this.definitions = definitions;
        this.checks = checks;
        this.pipeline = pipeline;
    }

    public Uni<List<Rule>> all() {
        return sessions.withSession(definitions::rules);
    }

    public Uni<Rule> find(String id) {
        return sessions.withSession(s -> definitions.rule(s, id));
    }

    /** Creates or replaces the rule; completes with true when it is new. */
    public Uni<Boolean> save(Rule rule) {
        checks.check("rule", rule, Rule::problems);
        return sessions.withTransaction((s, tx) -> definitions.saveRule(s, rule))
                .invoke(created -> {
                    pipeline.engine().putRule(rule);
                    LOG.infof("rule %s %s: %s, severity %s%s", rule.id(), created ? "created" : "updated",
                            rule.eventTypes(), rule.severity(), rule.active() ? "" : " (disabled)");
                });
    }

    /** Deletes the rule; its firing alerts resolve. Completes with false when there was none. */
    public Uni<Boolean> delete(String id) {
        return sessions.withTransaction((s, tx) -> definitions.deleteRule(s, id))
                .invoke(deleted -> {
                    if (deleted) {
                        pipeline.engine().removeRule(id);
                        LOG.infof("rule %s deleted; its alerts resolve", id);
                    }
                });
    }
}
