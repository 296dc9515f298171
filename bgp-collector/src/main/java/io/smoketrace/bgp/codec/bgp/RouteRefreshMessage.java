package io.smoketrace.bgp.codec.bgp;

import io.smoketrace.bgp.codec.Octets;

/**
 * ROUTE-REFRESH (RFC 2918): asks the peer to resend one address family; RFC 7313 adds the
 * Beginning- and End-of-RIB-Refresh subtypes, RFC 5291 appends ORF entries (kept as octets).
 */
public record RouteRefreshMessage(AfiSafi afiSafi, int subtype, Octets orfEntries) implements BgpMessage {

    public static final int TYPE = 5;
    public static final int NORMAL = 0;
    public static final int BEGINNING_OF_RIB_REFRESH = 1;
    public static final int END_OF_RIB_REFRESH = 2;

    static final MessageBodyCodec<RouteRefreshMessage> CODEC = new MessageBodyCodec<>(TYPE, 0, MessageBodyCodec.UNBOUNDED,
            NotificationMessage.ROUTE_REFRESH_MESSAGE_ERROR, NotificationMessage.RouteRefreshError.INVALID_MESSAGE_LENGTH,
            (body, context) -> {
                int afi = body.u16();
                int subtype = body.u8();
                AfiSafi afiSafi = new AfiSafi(afi, body.u8());
                // RFC 7313 section 5: the refresh markers carry nothing after the AFI/SAFI.
                if (subtype != NORMAL && body.hasRemaining()) {
                    throw new BgpDecodeException(NotificationMessage.ROUTE_REFRESH_MESSAGE_ERROR,
                            NotificationMessage.RouteRefreshError.INVALID_MESSAGE_LENGTH,
                            "ROUTE-REFRESH subtype " + subtype + " with " + body.remaining() + " trailing octets");
                }
                return new RouteRefreshMessage(afiSafi, subtype, body.rest());
            },
            (message, out, context) -> out.u16(message.afiSafi.afi()).u8(message.subtype)
                    .u8(message.afiSafi.safi()).octets(message.orfEntries));

    public static RouteRefreshMessage of(AfiSafi afiSafi) {
        return new RouteRefreshMessage(afiSafi, NORMAL, Octets.EMPTY);
    }

    @Override
    public int type() {
        return TYPE;
    }
}
