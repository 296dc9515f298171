package io.smoketrace.ui.rest;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import io.smoketrace.common.target.TargetSpec;
import io.smoketrace.ui.client.ServiceProbe;
import io.smoketrace.ui.client.ServiceProbe.ServiceState;
import io.smoketrace.ui.config.UiConfig;
import io.smoketrace.ui.security.Role;
import io.smoketrace.ui.service.AgentStatus;
import io.smoketrace.ui.topic.AgentRoster;
import io.smoketrace.ui.topic.TargetCatalog;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;

/**
 * The overview and the pages whose data comes from other services' APIs (path analyzer, alerting):
 * until the console has clients for those APIs they say so, and whether the service is reachable.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Role.VIEWER_NAME)
@Blocking
public class ConsoleResource {

    /**
     * The numbers on the overview.
     *
     * @param targets targets on the topic
     * @param paused of which paused
     * @param agents agents that ever sent a heartbeat
     * @param stale of which stale
     * @param degraded of which say they are degraded
     * @param viewsCurrent whether both topic views have read their topic to the end
     */
    public record Summary(int targets, long paused, int agents, long stale, long degraded, boolean viewsCurrent) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance overview(Chrome chrome, Summary summary, List<ServiceState> services);

        static native TemplateInstance unavailable(Chrome chrome, String title, String needs, List<String> planned,
                                                   ServiceState service);
    }

    private final TargetCatalog catalog;
    private final AgentRoster roster;
    private final ServiceProbe services;
    private final Visitor visitor;
    private final int staleAfter;

    public ConsoleResource(TargetCatalog catalog, AgentRoster roster, ServiceProbe services, Visitor visitor,
                           UiConfig config) {
        this.catalog = catalog;
        this.roster = roster;
        this.services = services;
        this.visitor = visitor;
        this.staleAfter = config.agents().staleAfterIntervals();
    }

    @GET
    public TemplateInstance overview() {
        List<TargetSpec> targets = catalog.all();
        Instant now = Instant.now();
        List<AgentStatus> agents = roster.all().stream().map(h -> AgentStatus.of(h, targets, now, staleAfter)).toList();
        Summary summary = new Summary(targets.size(), targets.stream().filter(t -> !t.enabled()).count(), agents.size(),
                agents.stream().filter(AgentStatus::stale).count(),
                agents.stream().filter(a -> a.state().equals("DEGRADED")).count(),
                catalog.reader().caughtUp() && roster.reader().caughtUp());
        return Templates.overview(visitor.chrome("overview"), summary, services.all());
    }

    @GET
    @Path("paths")
    public TemplateInstance paths() {
        return Templates.unavailable(visitor.chrome("paths"), "Paths", "the path analyzer's query API",
                List.of("the path graph per agent and target, hop by hop with AS and prefix",
                        "per-hop latency smoke (RTT distribution over time)",
                        "the change timeline: every confirmed path event with its verdict and BGP explanation"),
                services.pathAnalyzer());
    }

    @GET
    @Path("bgp")
    public TemplateInstance bgp() {
        return Templates.unavailable(visitor.chrome("bgp"), "BGP", "the path analyzer's RIB lookup API",
                List.of("longest-prefix match of an address: prefix, origin AS and AS path per peer",
                        "BGP updates for a prefix around a path change", "peer sessions and their state"),
                services.pathAnalyzer());
    }

    @GET
    @Path("alerts")
    public TemplateInstance alerts() {
        return Templates.unavailable(visitor.chrome("alerts"), "Alerts", "the alerting service's API",
                List.of("firing and resolved alerts, grouped", "alert rules (operators change them)",
                        "silences (operators add and expire them)"),
                services.alerting());
    }
}
