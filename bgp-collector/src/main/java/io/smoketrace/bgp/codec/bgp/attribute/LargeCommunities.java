package io.smoketrace.bgp.codec.bgp.attribute;

import io.smoketrace.bgp.codec.bgp.ErrorAction;
import io.smoketrace.bgp.codec.bgp.NotificationMessage;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * LARGE_COMMUNITY (RFC 8092): 12-octet tags written {@code global:local1:local2}, made for 4-octet ASes.
 */
public record LargeCommunities(List<LargeCommunity> values) implements PathAttribute {

    public static final int TYPE = 32;

    /** One large community; each part is an unsigned 32-bit number. */
    public record LargeCommunity(long globalAdministrator, long localData1, long localData2) {

        @Override
        public String toString() {
            return globalAdministrator + ":" + localData1 + ":" + localData2;
        }
    }

    static final AttributeCodec<LargeCommunities> CODEC = new AttributeCodec<>(TYPE, "LARGE_COMMUNITY", OPTIONAL_TRANSITIVE,
            ErrorAction.TREAT_AS_WITHDRAW, NotificationMessage.UpdateError.OPTIONAL_ATTRIBUTE_ERROR,
            (value, context) -> {
                AttributeCodec.expectNonZeroMultipleOf(value, 12, "LARGE_COMMUNITY");
                List<LargeCommunity> communities = new ArrayList<>(value.remaining() / 12);
                while (value.hasRemaining()) {
                    communities.add(new LargeCommunity(value.u32(), value.u32(), value.u32()));
                }
                return new LargeCommunities(communities);
            },
            (communities, out, context) -> communities.values.forEach(community -> out.u32(community.globalAdministrator)
                    .u32(community.localData1).u32(community.localData2)));

    public LargeCommunities {
        values = List.copyOf(values);
    }

    @Override
    public int typeCode() {
        return TYPE;
    }

    @Override
    public String toString() {
        return values.stream().map(LargeCommunity::toString).collect(Collectors.joining(" "));
    }
}
