package io.smoketrace.bgp.codec.bmp;

import java.util.List;

/**
 * Route Mirroring: verbatim copies of BGP messages a peer sent, kept as TLVs (type 0 a BGP message,
 * type 1 an information code), since mirrored messages may be the malformed ones.
 */
public record RouteMirroring(PeerHeader peer, List<InformationTlv> tlvs) implements BmpMessage {

    public static final int TYPE = 6;

    static final BmpMessageCodec<RouteMirroring> CODEC = new BmpMessageCodec<>(TYPE,
            (body, peers) -> new RouteMirroring(PeerHeader.decode(body), InformationTlv.decodeAll(body)),
            (message, out) -> {
                message.peer.encode(out);
                InformationTlv.encodeAll(message.tlvs, out);
            });

    public RouteMirroring {
        tlvs = List.copyOf(tlvs);
    }

    @Override
    public int type() {
        return TYPE;
    }
}
