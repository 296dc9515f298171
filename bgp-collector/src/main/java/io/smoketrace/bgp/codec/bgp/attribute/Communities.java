package io.smoketrace.bgp.codec.bgp.attribute;

import io.smoketrace.bgp.codec.bgp.ErrorAction;
import io.smoketrace.bgp.codec.bgp.NotificationMessage;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * COMMUNITIES (RFC 1997): 32-bit tags, conventionally written {@code AS:value}.
 */
public record Communities(List<Community> values) implements PathAttribute {

    public static final int TYPE = 8;

    /** One community value. */
    public record Community(int value) {

        public static final Community NO_EXPORT = new Community(0xFFFFFF01);
        public static final Community NO_ADVERTISE = new Community(0xFFFFFF02);
        public static final Community NO_EXPORT_SUBCONFED = new Community(0xFFFFFF03);

        public static Community of(int asNumber, int value) {
            return new Community(asNumber << 16 | value & 0xFFFF);
        }

        /** The high 16 bits, by convention the AS that defines the meaning. */
        public int asNumber() {
            return value >>> 16;
        }

        public int localValue() {
            return value & 0xFFFF;
        }

        @Override
        public String toString() {
            return asNumber() + ":" + localValue();
        }
    }

    static final AttributeCodec<Communities> CODEC = new AttributeCodec<>(TYPE, "COMMUNITIES", OPTIONAL_TRANSITIVE,
            ErrorAction.TREAT_AS_WITHDRAW, NotificationMessage.UpdateError.OPTIONAL_ATTRIBUTE_ERROR,
            (value, context) -> {
                AttributeCodec.expectNonZeroMultipleOf(value, 4, "COMMUNITIES");
                List<Community> communities = new ArrayList<>(value.remaining() / 4);
                while (value.hasRemaining()) {
                    communities.add(new Community(value.i32()));
                }
                return new Communities(communities);
            },
            (communities, out, context) -> communities.values.forEach(community -> out.i32(community.value)));

    public Communities {
        values = List.copyOf(values);
    }

    @Override
    public int typeCode() {
        return TYPE;
    }

    @Override
    public String toString() {
        return values.stream().map(Community::toString).collect(Collectors.joining(" "));
    }
}
