package io.smoketrace.common.bgp;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The state of one BGP session or BMP-monitored peer, on the compacted {@code smoketrace.bgp.peers.v1}
 * topic keyed by peer id.
 *
 * @param formatVersion layout version, {@link #FORMAT_VERSION}
 * @param collectorId the collector instance
 * @param peer the neighbour
 * @param kind a session of ours, a peer a router reports over BMP, or the BMP router itself
 * @param state the session state
 * @param since when it entered this state
 * @param reason why it last changed, in words (a NOTIFICATION decoded, "hold timer expired", "BMP peer down: ...")
 * @param localAs our AS (BGP sessions)
 * @param holdTimeSeconds the negotiated hold time (BGP sessions)
 * @param capabilities capabilities the peer announced, by name
 * @param ipv4Prefixes prefixes currently held from this peer, IPv4
 * @param ipv6Prefixes prefixes currently held from this peer, IPv6
 * @param updatedAt when this record was produced
 */
public record PeerState(
        int formatVersion,
        String collectorId,
        PeerRef peer,
        PeerKind kind,
        SessionState state,
        Instant since,
        String reason,
        Long localAs,
        Integer holdTimeSeconds,
        List<String> capabilities,
        long ipv4Prefixes,
        long ipv6Prefixes,
        Instant updatedAt) {

    /** The layout version producers of this build write. */
    public static final int FORMAT_VERSION = 1;

    public PeerState {
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(state, "state");
        capabilities = capabilities == null ? List.of() : List.copyOf(capabilities);
    }

    /** What kind of neighbour this record describes. */
    public enum PeerKind { BGP_SESSION, BMP_PEER, BMP_ROUTER }

    /** The RFC 4271 FSM states, plus UP/DOWN for BMP where the FSM is the router's. */
    public enum SessionState { IDLE, CONNECT, ACTIVE, OPEN_SENT, OPEN_CONFIRM, ESTABLISHED, UP, DOWN }
}
