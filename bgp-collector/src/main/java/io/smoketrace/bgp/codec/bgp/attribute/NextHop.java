package io.smoketrace.bgp.codec.bgp.attribute;

import io.smoketrace.bgp.codec.IpAddresses;
import io.smoketrace.bgp.codec.bgp.ErrorAction;
import io.smoketrace.bgp.codec.bgp.NotificationMessage;

import java.net.Inet4Address;

/**
 * NEXT_HOP: the IPv4 address to forward to for the IPv4 unicast NLRI of the UPDATE.
 */
public record NextHop(Inet4Address address) implements PathAttribute {

    public static final int TYPE = 3;

    static final AttributeCodec<NextHop> CODEC = new AttributeCodec<>(TYPE, "NEXT_HOP", WELL_KNOWN,
            ErrorAction.TREAT_AS_WITHDRAW, NotificationMessage.UpdateError.INVALID_NEXT_HOP_ATTRIBUTE,
            (value, context) -> {
                AttributeCodec.expectLength(value, 4, "NEXT_HOP");
                return new NextHop(IpAddresses.ipv4(value.i32()));
            },
            (nextHop, out, context) -> out.bytes(nextHop.address.getAddress()));

    @Override
    public int typeCode() {
        return TYPE;
    }
}
