package io.smoketrace.ui.rest;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import io.smoketrace.common.bgp.PeerState;
import io.smoketrace.common.target.TargetSpec;
import io.smoketrace.ui.client.ServiceProbe;
import io.smoketrace.ui.client.ServiceProbe.ServiceState;
import io.smoketrace.ui.config.UiConfig;
import io.smoketrace.ui.security.Role;
import io.smoketrace.ui.service.AgentStatus;
import io.smoketrace.ui.service.BgpViews;
import io.smoketrace.ui.service.CellState;
import io.smoketrace.ui.service.PathViews;
import io.smoketrace.ui.topic.AgentRoster;
import io.smoketrace.ui.topic.PeerRoster;
import io.smoketrace.ui.topic.TargetCatalog;
import io.smoketrace.ui.topic.UnreadableRecord;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * The pages whose data comes from the path analyzer: the overview matrix, a target's paths, smoke and
 * change timeline, and the BGP page (peers from the peers topic, RIB lookups). When the analyzer does
 * not answer, each says so and shows what the console knows by itself.
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

    /**
     * The overview's filter as chosen.
     *
     * @param tag target tag
     * @param site agent site
     * @param state cell state key
     */
    public record Filter(String tag, String site, String state) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance overview(Chrome chrome, Summary summary, List<ServiceState> services,
                                                PathViews.Matrix matrix, Filter filter, List<CellState> states);

        static native TemplateInstance target(Chrome chrome, PathViews.TargetPage page, List<String> ranges);

        static native TemplateInstance bgp(Chrome chrome, List<PeerState> peers, List<UnreadableRecord> unreadable,
                                           boolean caughtUp, BgpViews.Lookup lookup);
    }

    private static final List<CellState> STATES = Arrays.asList(CellState.values());

    private final TargetCatalog catalog;
    private final AgentRoster roster;
    private final PeerRoster peers;
    private final ServiceProbe services;
    private final PathViews paths;
    private final BgpViews bgp;
    private final Visitor visitor;
    private final int staleAfter;

    public ConsoleResource(TargetCatalog catalog, AgentRoster roster, PeerRoster peers, ServiceProbe services, PathViews paths,
                           BgpViews bgp, Visitor visitor, UiConfig config) {
        this.catalog = catalog;
        this.roster = roster;
        this.peers = peers;
        this.services = services;
        this.paths = paths;
        this.bgp = bgp;
        this.visitor = visitor;
        this.staleAfter = config.agents().staleAfterIntervals();
    }

    @GET
    public TemplateInstance overview(@QueryParam("tag") String tag, @QueryParam("site") String site,
                                     @QueryParam("state") String state) {
        List<TargetSpec> targets = catalog.all();
        Instant now = Instant.now();
        List<AgentStatus> agents = roster.all().stream().map(h -> AgentStatus.of(h, targets, now, staleAfter)).toList();
        Summary summary = new Summary(targets.size(), targets.stream().filter(t -> !t.enabled()).count(), agents.size(),
                agents.stream().filter(AgentStatus::stale).count(),
                agents.stream().filter(a -> a.state().equals("DEGRADED")).count(),
                catalog.reader().caughtUp() && roster.reader().caughtUp());
        Filter filter = new Filter(blank(tag), blank(site), blank(state));
        return Templates.overview(visitor.chrome("overview"), summary, services.all(),
                paths.overview(filter.tag(), filter.site(), CellState.fromKey(filter.state())), filter, STATES);
    }

    @GET
    @Path("paths/{target}")
    public Response target(@PathParam("target") String targetId, @QueryParam("range") String range,
                           @QueryParam("hop") Integer hop) {
        if (hop != null && (hop < 1 || hop > 255)) {
            return ErrorPages.page(Response.Status.BAD_REQUEST, "No such hop",
                    "A hop is a TTL from 1 to 255; " + hop + " is not one.");
        }
        return paths.target(targetId, range, hop)
                .map(page -> Response.ok(Templates.target(visitor.chrome("paths"), page, PathViews.RANGES)).build())
                .orElseGet(() -> ErrorPages.page(Response.Status.NOT_FOUND, "No such target",
                        "Neither the targets topic nor the path analyzer knows a target " + targetId + "."));
    }

    @GET
    @Path("bgp")
    public Response bgp(@QueryParam("q") String query) {
        BgpViews.Lookup lookup = bgp.lookup(query);
        return Response.status(lookup.error().isEmpty() ? 200 : 422)
                .entity(Templates.bgp(visitor.chrome("bgp"), peers.all(), peers.unreadable(), peers.reader().caughtUp(), lookup))
                .build();
    }

    private static String blank(String value) {
        return value == null ? "" : value.trim();
    }
}
