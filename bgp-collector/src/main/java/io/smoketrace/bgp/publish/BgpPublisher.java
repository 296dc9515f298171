package io.smoketrace.bgp.publish;

import io.smoketrace.common.bgp.PeerState;
import io.smoketrace.common.bgp.RibRoute;
import io.smoketrace.common.bgp.RouteUpdate;

/**
 * Where the collector's records go: the updates stream, the compacted RIB and peer state. Calls do not
 * block on the broker; records of one key keep their order.
 */
public interface BgpPublisher extends AutoCloseable {

    /** One announce or withdraw on {@code smoketrace.bgp.updates.v1}, keyed by prefix. */
    void update(RouteUpdate update);

    /** The current route under {@code key} on {@code smoketrace.bgp.rib.v1}; null publishes a tombstone. */
    void rib(String key, RibRoute route);

    /** A session's or BMP peer's state on {@code smoketrace.bgp.peers.v1}, keyed by peer id. */
    void peer(PeerState state);

    /** What was handed over and not yet acknowledged; connections pause reading while it is full. */
    default PublishBacklog backlog() {
        return PublishBacklog.UNLIMITED;
    }

    /** Waits until everything handed over so far is acknowledged (or failed). */
    void flush();

    @Override
    void close();
}
