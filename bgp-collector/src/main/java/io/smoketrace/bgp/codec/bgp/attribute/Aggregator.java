package io.smoketrace.bgp.codec.bgp.attribute;

import io.smoketrace.bgp.codec.IpAddresses;
import io.smoketrace.bgp.codec.bgp.ErrorAction;
import io.smoketrace.bgp.codec.bgp.NotificationMessage;
import io.smoketrace.bgp.codec.bgp.OpenMessage;

import java.net.Inet4Address;

/**
 * AGGREGATOR: the AS and router that formed an aggregate route. The AS number is 2 or 4 octets
 * depending on the session.
 */
public record Aggregator(long asNumber, Inet4Address address) implements PathAttribute {

    public static final int TYPE = 7;

    static final AttributeCodec<Aggregator> CODEC = new AttributeCodec<>(TYPE, "AGGREGATOR", OPTIONAL_TRANSITIVE,
            ErrorAction.ATTRIBUTE_DISCARD, NotificationMessage.UpdateError.OPTIONAL_ATTRIBUTE_ERROR,
            (value, context) -> {
                AttributeCodec.expectLength(value, context.asNumberLength() + 4, "AGGREGATOR");
                long asNumber = context.fourOctetAs() ? value.u32() : value.u16();
                return new Aggregator(asNumber, IpAddresses.ipv4(value.i32()));
            },
            (aggregator, out, context) -> {
                if (context.fourOctetAs()) {
                    out.u32(aggregator.asNumber);
                } else {
                    out.u16(aggregator.asNumber > 0xFFFF ? OpenMessage.AS_TRANS : (int) aggregator.asNumber);
                }
                out.bytes(aggregator.address.getAddress());
            });

    @Override
    public int typeCode() {
        return TYPE;
    }
}
