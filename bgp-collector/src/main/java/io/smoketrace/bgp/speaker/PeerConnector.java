package io.smoketrace.bgp.speaker;

/** Opens the outgoing TCP connections of active peers; injected so the peer FSM is tested without sockets. */
public interface PeerConnector {

    /**
     * Starts a TCP connection to the neighbour. On success the connection is handed to
     * {@link BgpNeighbor#newSession}; on failure {@link BgpNeighbor#connectFailed} is called.
     */
    void connect(BgpNeighbor neighbor);
}
