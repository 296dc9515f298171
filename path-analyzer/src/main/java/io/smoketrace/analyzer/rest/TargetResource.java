package io.smoketrace.analyzer.rest;

import io.smallrye.mutiny.Uni;
import io.smoketrace.analyzer.detect.ConditionState;
import io.smoketrace.analyzer.detect.PairState;
import io.smoketrace.analyzer.repository.PathRepository;
import io.smoketrace.analyzer.repository.PathRepository.StoredPair;
import io.smoketrace.analyzer.repository.PathRepository.StoredPathVersion;
import io.smoketrace.analyzer.service.TargetDirectory;
import io.smoketrace.common.agent.AgentHeartbeat;
import io.smoketrace.common.event.EventType;
import io.smoketrace.common.event.PathSnapshot;
import io.smoketrace.common.target.TargetSpec;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.hibernate.reactive.mutiny.Mutiny;

/** Targets with each agent's view of them: current path, last trace, open problems; a pair's path and its history. */
@Path("/api/targets")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "targets", description = "Targets and their paths per agent")
public class TargetResource {

    private final Mutiny.SessionFactory sessions;
    private final PathRepository paths;
    private final TargetDirectory directory;

    public TargetResource(Mutiny.SessionFactory sessions, PathRepository paths, TargetDirectory directory) {
        this.sessions = sessions;
        this.paths = paths;
        this.directory = directory;
    }

    @GET
    @Operation(summary = "Every target (from the targets topic and the path history) with its status per agent")
    public Uni<List<TargetStatus>> targets() {
        return sessions.withSession(s -> paths.pairs(s, null)).map(pairs -> {
            Map<String, List<AgentStatus>> byTarget = new TreeMap<>();
            directory.targets().forEach(t -> byTarget.put(t.targetId(), new ArrayList<>()));
            for (StoredPair pair : pairs) {
                byTarget.computeIfAbsent(pair.targetId(), t -> new ArrayList<>()).add(status(pair));
            }
            List<TargetStatus> result = new ArrayList<>(byTarget.size());
            byTarget.forEach((targetId, agents) -> {
                TargetSpec spec = directory.target(targetId);
                result.add(new TargetStatus(targetId, spec == null ? null : spec.host(), spec == null ? null : spec.description(),
                        spec == null ? List.of() : spec.tags(), spec != null, spec != null && spec.enabled(), agents));
            });
            return result;
        });
    }

    @GET
    @Path("/{target}/agents/{agent}/path")
    @Operation(summary = "The pair's current path: each TTL's responders with prefix, origin AS and address class")
    @APIResponse(responseCode = "404", description = "The pair has no path yet")
    public Uni<PathSnapshot> currentPath(@PathParam("target") String targetId, @PathParam("agent") String agentId) {
        return sessions.withSession(s -> paths.loadState(s, agentId, targetId)).map(state -> {
            if (state == null) {
                throw ApiError.notFound("agent '" + agentId + "' has sent no trace of target '" + targetId + "'");
            }
            if (state.lastStablePath() == null || state.currentPathId() == null) {
                throw ApiError.notFound("agent '" + agentId + "' has no usable path to target '" + targetId
                        + "' yet (failed runs or no confirmed path)");
            }
            return state.lastStablePath().snapshot(state.currentPathId());
        });
    }

    @GET
    @Path("/{target}/agents/{agent}/paths")
    @Operation(summary = "The pair's path history: every path version with when it was first and last seen, latest first")
    @APIResponse(responseCode = "404", description = "The pair has no path history")
    public Uni<List<StoredPathVersion>> pathHistory(@PathParam("target") String targetId, @PathParam("agent") String agentId) {
        return sessions.withSession(s -> paths.versions(s, agentId, targetId)).map(versions -> {
            if (versions.isEmpty()) {
                throw ApiError.notFound("no path history for agent '" + agentId + "' and target '" + targetId + "'");
            }
            return versions;
        });
    }

    private AgentStatus status(StoredPair pair) {
        PairState state = pair.state();
        List<EventType> problems = new ArrayList<>();
        if (active(state.reachability())) {
            problems.add(EventType.TARGET_UNREACHABLE);
        }
        if (active(state.latency())) {
            problems.add(EventType.LATENCY_INCREASED);
        }
        if (active(state.loss())) {
            problems.add(EventType.LOSS_STARTED);
        }
        if (active(state.asPathMismatch())) {
            problems.add(EventType.AS_PATH_MISMATCH);
        }
        if (state.flapping()) {
            problems.add(EventType.PATH_FLAPPING);
        }
        AgentHeartbeat agent = directory.agent(pair.agentId());
        return new AgentStatus(pair.agentId(), agent == null ? null : agent.site(), state.currentPathId(), pair.lastTraceId(),
                pair.lastTraceAt(), problems);
    }

    private static boolean active(ConditionState condition) {
        return condition != null && condition.active();
    }

    /**
     * A target and how each agent sees it.
     *
     * @param targetId the target
     * @param host its address or name, when the targets topic knows it
     * @param description its description
     * @param tags its tags
     * @param configured whether the targets topic holds it (false: only history is left)
     * @param enabled whether it runs
     * @param agents each agent that traced it
     */
    public record TargetStatus(String targetId, String host, String description, List<String> tags, boolean configured,
                               boolean enabled, List<AgentStatus> agents) {
    }

    /**
     * One agent's view of a target.
     *
     * @param agentId the agent
     * @param site its site
     * @param currentPathId the path version it is on
     * @param lastTraceId its latest trace
     * @param lastTraceAt when that trace ran
     * @param openProblems the problems present now (the event types that raised them)
     */
    public record AgentStatus(String agentId, String site, String currentPathId, String lastTraceId, Instant lastTraceAt,
                              List<EventType> openProblems) {
    }
}
