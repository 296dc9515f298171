package io.smoketrace.analyzer.rest;

import io.smoketrace.analyzer.rib.AddressAnnotation;
import io.smoketrace.analyzer.rib.IpAddress;
import io.smoketrace.analyzer.rib.PeerRoute;
import io.smoketrace.analyzer.rib.Rib;
import io.smoketrace.analyzer.rib.RibMatch;
import io.smoketrace.common.event.PathSnapshot.AddressClass;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Longest-prefix match in this instance's RIB, as the analyzer annotates hops. */
@Path("/api/rib")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "rib", description = "The analyzer's copy of the RIB")
public class RibResource {

    private final Rib rib;

    public RibResource(Rib rib) {
        this.rib = rib;
    }

    @GET
    @Path("/lookup")
    @Operation(summary = "What the RIB says about an address: class, longest matching prefix, origin AS and every peer's AS path")
    @APIResponse(responseCode = "400", description = "The address is missing or not an IP address")
    @APIResponse(responseCode = "404", description = "No prefix in the RIB covers the address")
    public Lookup lookup(@QueryParam("address") String address) {
        if (address == null || address.isBlank()) {
            throw ApiError.badRequest("query parameter 'address' is required, e.g. /api/rib/lookup?address=203.0.113.10");
        }
        IpAddress ip = IpAddress.tryParse(address.trim());
        if (ip == null) {
            throw ApiError.badRequest("'" + address + "' is not an IPv4 or IPv6 address");
        }
        AddressAnnotation annotation = rib.annotate(address.trim());
        if (annotation.addressClass() != AddressClass.PUBLIC && annotation.addressClass() != AddressClass.UNROUTED) {
            // Special and exchange addresses are marked, never looked up.
            return new Lookup(address.trim(), annotation.addressClass(), annotation.ixpName(), null, null, List.of());
        }
        RibMatch match = annotation.addressClass() == AddressClass.UNROUTED ? null : rib.lookup(ip);
        if (match == null) {
            throw ApiError.notFound("no prefix in the RIB covers " + address.trim());
        }
        List<PeerPath> peers = new ArrayList<>();
        PeerRoute best = match.routes().best();
        for (PeerRoute route : match.routes().routes()) {
            peers.add(new PeerPath(route.peer().peerId(), route.peer().asn(), route.pathId(), route.attributes().asPathText(),
                    route.asSequence(), route.originAs(), route.attributes().nextHop(), route.equals(best)));
        }
        return new Lookup(address.trim(), annotation.addressClass(), null, match.prefix().toString(), match.routes().originAs(), peers);
    }

    /**
     * The answer for one address.
     *
     * @param address the address asked about
     * @param addressClass PUBLIC, or the special class it was marked with
     * @param ixpName the exchange, for exchange LAN addresses
     * @param prefix the longest matching prefix, for public addresses
     * @param originAs the origin AS of the best route
     * @param routes every peer's route for that prefix
     */
    public record Lookup(String address, AddressClass addressClass, String ixpName, String prefix, Long originAs, List<PeerPath> routes) {
    }

    /**
     * One peer's route for the prefix.
     *
     * @param peerId the peer
     * @param peerAs its AS
     * @param pathId the ADD-PATH id
     * @param asPath the AS path as text
     * @param asSequence the ASes crossed, prepends collapsed
     * @param originAs the route's origin AS
     * @param nextHop its next hop
     * @param best whether it is the route the analyzer takes for the prefix
     */
    public record PeerPath(String peerId, long peerAs, long pathId, String asPath, List<Long> asSequence, Long originAs,
                           String nextHop, boolean best) {
    }
}
