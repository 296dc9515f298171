package io.smoketrace.bgp.codec.bmp;

import io.smoketrace.bgp.codec.bgp.UpdateMessage;

/**
 * Route Monitoring: one UPDATE as seen in the peer's Adj-RIB-In or Adj-RIB-Out, or in the Loc-RIB.
 */
public record RouteMonitoring(PeerHeader peer, UpdateMessage update) implements BmpMessage {

    public static final int TYPE = 0;

    static final BmpMessageCodec<RouteMonitoring> CODEC = new BmpMessageCodec<>(TYPE,
            (body, peers) -> {
                PeerHeader peer = PeerHeader.decode(body);
                return new RouteMonitoring(peer, BgpPdus.read(body, peers.apply(peer), UpdateMessage.class));
            },
            (message, out) -> {
                message.peer.encode(out);
                BgpPdus.write(message.update, message.peer.decodeContext(), out);
            });

    @Override
    public int type() {
        return TYPE;
    }
}
