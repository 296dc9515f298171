package io.smoketrace.bgp.codec.bgp.attribute;

import io.smoketrace.bgp.codec.bgp.ErrorAction;
import io.smoketrace.bgp.codec.bgp.NotificationMessage;

import java.util.ArrayList;
import java.util.List;

/**
 * EXTENDED COMMUNITIES (RFC 4360): 8-octet tags whose first octets say how to read the rest.
 */
public record ExtendedCommunities(List<ExtendedCommunity> values) implements PathAttribute {

    public static final int TYPE = 16;

    /** One extended community, kept as its 64 bits. */
    public record ExtendedCommunity(long value) {

        /** The type octet: high-order bits say transitive or not and IANA or not. */
        public int type() {
            return (int) (value >>> 56) & 0xFF;
        }

        /** The sub-type octet of types that have one. */
        public int subtype() {
            return (int) (value >>> 48) & 0xFF;
        }

        @Override
        public String toString() {
            return String.format("%016x", value);
        }
    }

    static final AttributeCodec<ExtendedCommunities> CODEC = new AttributeCodec<>(TYPE, "EXTENDED_COMMUNITIES",
            OPTIONAL_TRANSITIVE, ErrorAction.TREAT_AS_WITHDRAW, NotificationMessage.UpdateError.OPTIONAL_ATTRIBUTE_ERROR,
            (value, context) -> {
                AttributeCodec.expectNonZeroMultipleOf(value, 8, "EXTENDED_COMMUNITIES");
                List<ExtendedCommunity> communities = new ArrayList<>(value.remaining() / 8);
                while (value.hasRemaining()) {
                    communities.add(new ExtendedCommunity(value.i64()));
                }
                return new ExtendedCommunities(communities);
            },
            (communities, out, context) -> communities.values.forEach(community -> out.i64(community.value)));

    public ExtendedCommunities {
        values = List.copyOf(values);
    }

    @Override
    public int typeCode() {
        return TYPE;
    }
}
