package io.smoketrace.alerting.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.smallrye.mutiny.Uni;
import io.smoketrace.alerting.Routing;
import io.smoketrace.alerting.config.AlertingConfig;
import io.smoketrace.alerting.repository.DefinitionRepository;
import io.smoketrace.common.serde.Json;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

/**
 * Receivers, routes and inhibit rules: set through the API (stored, and winning), else read from
 * {@code smoketrace.alerting.routing-file}, else everything goes to the alerts topic.
 */
@ApplicationScoped
public class RoutingService {

    private static final Logger LOG = Logger.getLogger(RoutingService.class);

    /** The receiver that publishes on smoketrace.alerts.v1 in the built-in routing. */
    public static final String TOPIC_RECEIVER = "alerts-topic";

    private final Mutiny.SessionFactory sessions;
    private final DefinitionRepository definitions;
    private final DefinitionChecks checks;
    private final AlertingConfig config;
    private final AlertPipeline pipeline;

    public RoutingService(Mutiny.SessionFactory sessions, DefinitionRepository definitions, DefinitionChecks checks,
                          AlertingConfig config, AlertPipeline pipeline) {
        this.sessions = sessions;
        this.definitions = definitions;
        this.checks = checks;
        this.config = config;
        this.pipeline = pipeline;
    }

    /** Every alert to the alerts topic, grouped per rule and target. */
    public static Routing defaultRouting() {
        return new Routing(List.of(new Routing.Receiver(TOPIC_RECEIVER, Routing.ReceiverKind.KAFKA, null, null, null, null,
                null, null, null, null)),
                new Routing.Route(TOPIC_RECEIVER, null, List.of("rule", "targetId"), "30s", "5m", "4h", null, null), null);
    }

    /** The routing in force. */
    public Routing current() {
        return pipeline.engine().routing();
    }

    /** The routing to start with; a bad routing file stops the service with the file and the field named. */
    public Uni<Routing> initial() {
        return sessions.withSession(definitions::routing).map(stored -> {
            if (stored != null) {
                LOG.info("routing: using the configuration set through the API");
                return stored;
            }
            if (config.routingFile().isPresent()) {
                Path file = config.routingFile().get();
                Routing routing = readFile(file);
                LOG.infof("routing: using %s (%d receivers)", file, routing.receivers().size());
                return routing;
            }
            LOG.info("routing: no routing configured; every alert goes to the smoketrace.alerts.v1 topic");
            return defaultRouting();
        });
    }

    Routing readFile(Path file) {
        ObjectMapper mapper = file.toString().endsWith(".json") ? Json.mapper() : Json.configure(new ObjectMapper(new YAMLFactory()));
        Routing routing;
        try {
            routing = mapper.readValue(Files.readAllBytes(file), Routing.class);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the routing file " + file + " (smoketrace.alerting.routing-file): "
                    + e.getMessage(), e);
        }
        try {
            checks.check("routing", routing, Routing::problems);
        } catch (InvalidDefinitionException e) {
            throw new IllegalStateException("the routing file " + file + " (smoketrace.alerting.routing-file) is invalid: "
                    + String.join("; ", e.problems()), e);
        }
        return routing;
    }

    /** Replaces the routing; refused with the fields named when it is invalid. */
    public Uni<Routing> replace(Routing routing) {
        checks.check("routing", routing, Routing::problems);
        return sessions.withTransaction((s, tx) -> definitions.saveRouting(s, routing))
                .invoke(() -> {
                    pipeline.engine().setRouting(routing);
                    LOG.infof("routing replaced: %d receivers, root route to '%s'", routing.receivers().size(),
                            routing.route().receiver());
                })
                .replaceWith(routing);
    }
}
