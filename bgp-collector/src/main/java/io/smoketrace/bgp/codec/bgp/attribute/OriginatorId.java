package io.smoketrace.bgp.codec.bgp.attribute;

import io.smoketrace.bgp.codec.IpAddresses;
import io.smoketrace.bgp.codec.bgp.ErrorAction;
import io.smoketrace.bgp.codec.bgp.NotificationMessage;

import java.net.Inet4Address;

/**
 * ORIGINATOR_ID (RFC 4456): the router ID that first brought the route into a route-reflection cluster.
 */
public record OriginatorId(Inet4Address routerId) implements PathAttribute {

    public static final int TYPE = 9;

    static final AttributeCodec<OriginatorId> CODEC = new AttributeCodec<>(TYPE, "ORIGINATOR_ID", OPTIONAL_NON_TRANSITIVE,
            ErrorAction.TREAT_AS_WITHDRAW, NotificationMessage.UpdateError.OPTIONAL_ATTRIBUTE_ERROR,
            (value, context) -> {
                AttributeCodec.expectLength(value, 4, "ORIGINATOR_ID");
                return new OriginatorId(IpAddresses.ipv4(value.i32()));
            },
            (originatorId, out, context) -> out.bytes(originatorId.routerId.getAddress()));

    @Override
    public int typeCode() {
        return TYPE;
    }
}
