package io.smoketrace.alerting.service;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smoketrace.alerting.Alert;
import io.smoketrace.alerting.Routing;
import io.smoketrace.alerting.Rule;
import io.smoketrace.alerting.Silence;
import io.smoketrace.alerting.StoredNotification;
import io.smoketrace.alerting.repository.AlertRepository;
import io.smoketrace.alerting.repository.DefinitionRepository;
import io.smoketrace.alerting.repository.OutboxRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

/**
 * Brings the service up from what is stored: routing, rules, silences and firing alerts into the
 * engine, undelivered notifications back into delivery; then opens the pipeline to events.
 */
@ApplicationScoped
public class AlertingStartup {

    private static final Logger LOG = Logger.getLogger(AlertingStartup.class);

    private final Mutiny.SessionFactory sessions;
    private final DefinitionRepository definitions;
    private final AlertRepository alerts;
    private final OutboxRepository outbox;
    private final RoutingService routing;
    private final AlertPipeline pipeline;
    private final DeliveryService delivery;

    public AlertingStartup(Mutiny.SessionFactory sessions, DefinitionRepository definitions, AlertRepository alerts,
                           OutboxRepository outbox, RoutingService routing, AlertPipeline pipeline, DeliveryService delivery) {
        this.sessions = sessions;
        this.definitions = definitions;
        this.alerts = alerts;
        this.outbox = outbox;
        this.routing = routing;
        this.pipeline = pipeline;
        this.delivery = delivery;
    }

    private record Stored(Routing routing, List<Rule> rules, List<Silence> silences, List<Alert> firing) {
    }

    void onStart(@Observes StartupEvent event) throws Throwable {
        Routing initialRouting = VertxContextSupport.subscribeAndAwait(routing::initial);
        Stored stored = VertxContextSupport.subscribeAndAwait(() -> sessions.withSession(s -> definitions.rules(s)
                .chain(rules -> definitions.silences(s, false)
                        .chain(silences -> alerts.firing(s)
                                .map(firing -> new Stored(initialRouting, rules, silences, firing))))));
        var engine = pipeline.engine();
        engine.setRouting(stored.routing());
        engine.setRules(stored.rules());
        engine.setSilences(stored.silences());
        engine.restore(stored.firing());
        delivery.useRouting(engine::routing);
        int pending = resumeDelivery();
        pipeline.open();
        LOG.infof("alerting ready: %d rules, %d active silences, %d alerts firing, %d notifications to deliver",
                stored.rules().size(), stored.silences().size(), stored.firing().size(), pending);
    }

    /** Queues every notification the outbox holds as pending, with the attempts already made; returns how many. */
    private int resumeDelivery() throws Throwable {
        List<StoredNotification> pending = VertxContextSupport.subscribeAndAwait(() -> sessions.withSession(outbox::pending));
        for (StoredNotification row : pending) {
            delivery.enqueue(OutboxRepository.content(row), row.attempts);
        }
        return pending.size();
    }

    /**
     * Stops delivery as a shutdown does (attempts in progress interrupted, memory queues dropped) and
     * starts it again from the outbox alone, as the next start of the service would.
     */
    public void restartDelivery() throws Throwable {
        delivery.stop();
        delivery.start();
        int pending = resumeDelivery();
        LOG.infof("delivery restarted: %d notifications to deliver from the outbox", pending);
    }

    void onStop(@Observes ShutdownEvent event) {
        pipeline.close();
        delivery.stop();
    }
}
