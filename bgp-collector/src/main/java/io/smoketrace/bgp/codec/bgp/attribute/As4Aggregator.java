package io.smoketrace.bgp.codec.bgp.attribute;

import io.smoketrace.bgp.codec.IpAddresses;
import io.smoketrace.bgp.codec.bgp.ErrorAction;
import io.smoketrace.bgp.codec.bgp.NotificationMessage;

import java.net.Inet4Address;

/**
 * AS4_AGGREGATOR (RFC 6793): the 4-octet aggregator AS that a 2-octet session's AGGREGATOR shows as AS_TRANS.
 */
public record As4Aggregator(long asNumber, Inet4Address address) implements PathAttribute {

    public static final int TYPE = 18;

    static final AttributeCodec<As4Aggregator> CODEC = new AttributeCodec<>(TYPE, "AS4_AGGREGATOR", OPTIONAL_TRANSITIVE,
            ErrorAction.ATTRIBUTE_DISCARD, NotificationMessage.UpdateError.OPTIONAL_ATTRIBUTE_ERROR,
            (value, context) -> {
                AttributeCodec.expectLength(value, 8, "AS4_AGGREGATOR");
                return new As4Aggregator(value.u32(), IpAddresses.ipv4(value.i32()));
            },
            (aggregator, out, context) -> out.u32(aggregator.asNumber).bytes(aggregator.address.getAddress()));

    @Override
    public int typeCode() {
        return TYPE;
    }
}
