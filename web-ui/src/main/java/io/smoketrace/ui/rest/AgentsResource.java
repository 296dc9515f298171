package io.smoketrace.ui.rest;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smoketrace.common.target.TargetSpec;
import io.smoketrace.ui.config.UiConfig;
import io.smoketrace.ui.security.Role;
import io.smoketrace.ui.service.AgentStatus;
import io.smoketrace.ui.topic.AgentRoster;
import io.smoketrace.ui.topic.TargetCatalog;
import io.smoketrace.ui.topic.UnreadableRecord;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;

/** The agents page: every vantage point's latest heartbeat from the agents topic. */
@Path("/agents")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Role.VIEWER_NAME)
public class AgentsResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance agents(Chrome chrome, List<AgentStatus> agents, int staleAfter,
                                              List<UnreadableRecord> unreadable, boolean caughtUp, String problem);

        static native TemplateInstance agents$rows(Chrome chrome, List<AgentStatus> agents);
    }

    private final AgentRoster roster;
    private final TargetCatalog catalog;
    private final Visitor visitor;
    private final int staleAfter;

    public AgentsResource(AgentRoster roster, TargetCatalog catalog, Visitor visitor, UiConfig config) {
        this.roster = roster;
        this.catalog = catalog;
        this.visitor = visitor;
        this.staleAfter = config.agents().staleAfterIntervals();
    }

    @GET
    public TemplateInstance agents() {
        return Templates.agents(visitor.chrome("agents"), statuses(), staleAfter, roster.unreadable(),
                roster.reader().caughtUp(), roster.reader().problem());
    }

    /** The table rows alone, for htmx (live updates, and ages refreshed every few seconds). */
    @GET
    @Path("rows")
    public TemplateInstance rows() {
        return Templates.agents$rows(visitor.chrome("agents"), statuses());
    }

    /** Every agent judged now. */
    List<AgentStatus> statuses() {
        Instant now = Instant.now();
        List<TargetSpec> targets = catalog.all();
        return roster.all().stream().map(h -> AgentStatus.of(h, targets, now, staleAfter)).toList();
    }
}
