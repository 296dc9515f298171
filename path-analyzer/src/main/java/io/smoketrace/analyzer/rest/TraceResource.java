package io.smoketrace.analyzer.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.smoketrace.analyzer.StoredTrace;
import io.smoketrace.analyzer.repository.TraceRepository;
import io.smoketrace.analyzer.rib.AddressAnnotation;
import io.smoketrace.analyzer.rib.Rib;
import io.smoketrace.common.event.PathSnapshot.AddressClass;
import io.smoketrace.common.serde.Json;
import io.smoketrace.common.trace.Hop;
import io.smoketrace.common.trace.Responder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.hibernate.reactive.mutiny.Mutiny;

/** Stored traces, and what differs between two of them hop by hop. */
@Path("/api/traces")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "traces", description = "Stored traces and hop-by-hop diffs")
public class TraceResource {

    private static final TypeReference<List<Hop>> HOPS = new TypeReference<>() { };

    private final Mutiny.SessionFactory sessions;
    private final TraceRepository traces;
    private final Rib rib;

    public TraceResource(Mutiny.SessionFactory sessions, TraceRepository traces, Rib rib) {
        this.sessions = sessions;
        this.traces = traces;
        this.rib = rib;
    }

    @GET
    @Path("/{traceId}")
    @Operation(summary = "One trace as stored: outcome, hops as received, per-hop statistics and its path version")
    @APIResponse(responseCode = "404", description = "No such trace")
    public Uni<TraceView> trace(@PathParam("traceId") String traceId) {
        return find(traceId).map(TraceResource::view);
    }

    @GET
    @Path("/{traceId}/diff/{otherTraceId}")
    @Operation(summary = "Hop-by-hop difference between two traces, responders annotated from the current RIB")
    @APIResponse(responseCode = "404", description = "One of the traces does not exist")
    public Uni<TraceDiff> diff(@PathParam("traceId") String traceId, @PathParam("otherTraceId") String otherTraceId) {
        return find(traceId).chain(left -> find(otherTraceId).map(right -> diff(left, right)));
    }

    private Uni<StoredTrace> find(String traceId) {
        return sessions.withSession(s -> traces.find(s, traceId)).map(row -> {
            if (row == null) {
                throw ApiError.notFound("no trace with id '" + traceId + "' (traces are kept for the retention period)");
            }
            return row;
        });
    }

    private TraceDiff diff(StoredTrace left, StoredTrace right) {
        Map<Integer, Hop> leftHops = byTtl(left);
        Map<Integer, Hop> rightHops = byTtl(right);
        int maxTtl = Math.max(leftHops.keySet().stream().mapToInt(i -> i).max().orElse(0),
                rightHops.keySet().stream().mapToInt(i -> i).max().orElse(0));
        List<HopDiff> hops = new ArrayList<>(maxTtl);
        Integer firstDifference = null;
        for (int ttl = 1; ttl <= maxTtl; ttl++) {
            List<ResponderView> l = responders(leftHops.get(ttl));
            List<ResponderView> r = responders(rightHops.get(ttl));
            Change change = change(l, r);
            if (change != Change.SAME && change != Change.UNKNOWN && firstDifference == null) {
                firstDifference = ttl;
            }
            hops.add(new HopDiff(ttl, change, l, r));
        }
        boolean samePathVersion = left.pathVersionId != null && left.pathVersionId.equals(right.pathVersionId);
        return new TraceDiff(left.traceId, right.traceId, left.pathVersionId, right.pathVersionId, samePathVersion, firstDifference,
                hops);
    }

    private static Change change(List<ResponderView> left, List<ResponderView> right) {
        Set<String> l = addresses(left);
        Set<String> r = addresses(right);
        if (l.isEmpty() || r.isEmpty()) {
            return l.isEmpty() && r.isEmpty() ? Change.UNKNOWN : l.isEmpty() ? Change.ANSWERED_ONLY_IN_OTHER : Change.ANSWERED_ONLY_IN_FIRST;
        }
        if (l.equals(r)) {
            return Change.SAME;
        }
        return l.stream().anyMatch(r::contains) ? Change.OVERLAPPING : Change.DIFFERENT;
    }

    private static Set<String> addresses(List<ResponderView> responders) {
        Set<String> addresses = new TreeSet<>();
        for (ResponderView responder : responders) {
            if (responder.addressClass() != AddressClass.NO_REPLY) {
                addresses.add(responder.address());
            }
        }
        return addresses;
    }

    private List<ResponderView> responders(Hop hop) {
        if (hop == null) {
            return List.of();
        }
        List<ResponderView> views = new ArrayList<>(hop.responders().size());
        for (Responder r : hop.responders()) {
            AddressAnnotation a = rib.annotate(r.address());
            views.add(new ResponderView(r.address(), a.addressClass(), a.prefix(), a.originAs(), a.ixpName(),
                    r.rtt() == null ? null : r.rtt().avg(), r.lossPercent()));
        }
        return views;
    }

    private static Map<Integer, Hop> byTtl(StoredTrace trace) {
        Map<Integer, Hop> hops = new HashMap<>();
        try {
            for (Hop hop : Json.mapper().readValue(trace.hops, HOPS)) {
                hops.put(hop.ttl(), hop);
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored hops of trace " + trace.traceId + " are unreadable", e);
        }
        return hops;
    }

    private static TraceView view(StoredTrace row) {
        try {
            return new TraceView(row.traceId, row.agentId, row.targetId, row.targetAddress, row.startedAt.toInstant(),
                    row.finishedAt == null ? null : row.finishedAt.toInstant(), row.status, row.destinationReached, row.hopCount,
                    row.tool, row.error, row.pathVersionId, Json.mapper().readTree(row.hops),
                    row.hopStats == null ? null : Json.mapper().readTree(row.hopStats));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored trace " + row.traceId + " is unreadable", e);
        }
    }

    /**
     * A stored trace.
     *
     * @param traceId the trace
     * @param agentId the agent that ran it
     * @param targetId the target
     * @param targetAddress the address probed
     * @param startedAt when it ran
     * @param finishedAt when it finished
     * @param status COMPLETE, UNREACHED, ERROR or TIMEOUT
     * @param destinationReached whether the target answered
     * @param hopCount hops in the trace
     * @param tool the tool that ran it
     * @param error why it failed, for failed runs
     * @param pathVersionId the path version it belongs to (none for a run without a usable path)
     * @param hops the hops as the agent sent them
     * @param hopStats per TTL loss and RTT
     */
    public record TraceView(String traceId, String agentId, String targetId, String targetAddress, Instant startedAt,
                            Instant finishedAt, String status, boolean destinationReached, int hopCount, String tool, String error,
                            String pathVersionId, JsonNode hops, JsonNode hopStats) {
    }

    /**
     * Two traces side by side.
     *
     * @param traceId the first trace
     * @param otherTraceId the other
     * @param pathVersionId the first trace's path version
     * @param otherPathVersionId the other's
     * @param samePathVersion whether both are the same path version (differences are then load balancing or silent hops)
     * @param firstDifferentTtl the first TTL where both answered from different routers, or null
     * @param hops per TTL
     */
    public record TraceDiff(String traceId, String otherTraceId, String pathVersionId, String otherPathVersionId,
                            boolean samePathVersion, Integer firstDifferentTtl, List<HopDiff> hops) {
    }

    /**
     * One TTL of a diff.
     *
     * @param ttl the TTL
     * @param change how the responders compare
     * @param responders the first trace's responders
     * @param otherResponders the other trace's
     */
    public record HopDiff(int ttl, Change change, List<ResponderView> responders, List<ResponderView> otherResponders) {
    }

    /**
     * A responder with what the RIB says about it now.
     *
     * @param address its address, or {@code *}
     * @param addressClass its class
     * @param prefix the longest matching prefix
     * @param asn that prefix's origin AS
     * @param ixpName the exchange, for exchange LAN addresses
     * @param rttAvgMs its average RTT
     * @param lossPercent its loss
     */
    public record ResponderView(String address, AddressClass addressClass, String prefix, Long asn, String ixpName, Double rttAvgMs,
                                double lossPercent) {
    }

    /** How one TTL's responders compare between the two traces. */
    public enum Change { SAME, OVERLAPPING, DIFFERENT, ANSWERED_ONLY_IN_FIRST, ANSWERED_ONLY_IN_OTHER, UNKNOWN }
}
