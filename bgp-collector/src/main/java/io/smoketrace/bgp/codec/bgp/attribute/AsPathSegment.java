package io.smoketrace.bgp.codec.bgp.attribute;

import io.smoketrace.bgp.codec.WireReader;
import io.smoketrace.bgp.codec.WireUnderflowException;
import io.smoketrace.bgp.codec.WireWriter;
import io.smoketrace.bgp.codec.bgp.OpenMessage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One segment of an AS path: an ordered sequence or an unordered set of AS numbers, possibly inside a
 * confederation (RFC 5065). AS numbers are unsigned 32-bit values held in an {@code int[]}.
 */
public record AsPathSegment(Type type, int[] asNumbers) {

    /** Segment types and their wire codes. */
    public enum Type {
        AS_SET(1), AS_SEQUENCE(2), AS_CONFED_SEQUENCE(3), AS_CONFED_SET(4);

        private final int code;

        Type(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }

        public boolean isSet() {
            return this == AS_SET || this == AS_CONFED_SET;
        }

        public boolean isConfederation() {
            return this == AS_CONFED_SEQUENCE || this == AS_CONFED_SET;
        }

        static Type fromCode(int code) {
            return code >= 1 && code <= 4 ? values()[code - 1] : null;
        }
    }

    public AsPathSegment {
        asNumbers = asNumbers.clone();
    }

    public static AsPathSegment sequence(long... asNumbers) {
        return of(Type.AS_SEQUENCE, asNumbers);
    }

    public static AsPathSegment of(Type type, long... asNumbers) {
        int[] bits = new int[asNumbers.length];
        for (int i = 0; i < bits.length; i++) {
            bits[i] = (int) asNumbers[i];
        }
        return new AsPathSegment(type, bits);
    }

    @Override
    public int[] asNumbers() {
        return asNumbers.clone();
    }

    public int size() {
        return asNumbers.length;
    }

    /** The i-th AS number as an unsigned value. */
    public long asNumber(int index) {
        return Integer.toUnsignedLong(asNumbers[index]);
    }

    /** RFC 4271 path length contribution: a sequence counts each AS, a set counts one, confederations none. */
    public int pathLength() {
        return switch (type) {
            case AS_SEQUENCE -> asNumbers.length;
            case AS_SET -> 1;
            case AS_CONFED_SEQUENCE, AS_CONFED_SET -> 0;
        };
    }

    /** The first {@code count} AS numbers of this segment. */
    AsPathSegment truncated(int count) {
        return new AsPathSegment(type, Arrays.copyOf(asNumbers, count));
    }

    static List<AsPathSegment> decodeAll(WireReader value, int asNumberLength)
            throws MalformedAttributeException, WireUnderflowException {
        List<AsPathSegment> segments = new ArrayList<>(2);
        while (value.hasRemaining()) {
            // RFC 7606 7.2: a segment header cut short, an unknown type, an empty or overrunning segment.
            if (value.remaining() < 2) {
                throw MalformedAttributeException.value("AS path ends inside a segment header");
            }
            int typeCode = value.u8();
            int count = value.u8();
            Type type = Type.fromCode(typeCode);
            if (type == null) {
                throw MalformedAttributeException.value("unknown AS path segment type " + typeCode);
            }
            if (count == 0) {
                throw MalformedAttributeException.value("empty AS path segment");
            }
            if (count * asNumberLength > value.remaining()) {
                throw MalformedAttributeException.value("AS path segment of " + count + " AS numbers overruns the attribute ("
                        + value.remaining() + " octets left)");
            }
            int[] asNumbers = new int[count];
            for (int i = 0; i < count; i++) {
                asNumbers[i] = asNumberLength == 4 ? value.i32() : value.u16();
            }
            segments.add(new AsPathSegment(type, asNumbers));
        }
        return segments;
    }

    static void encodeAll(List<AsPathSegment> segments, int asNumberLength, WireWriter out) {
        for (AsPathSegment segment : segments) {
            // A segment holds at most 255 AS numbers; longer ones are split, which keeps the path the same.
            for (int from = 0; from < segment.asNumbers.length; from += 255) {
                int count = Math.min(255, segment.asNumbers.length - from);
                out.u8(segment.type.code()).u8(count);
                for (int i = from; i < from + count; i++) {
                    int asNumber = segment.asNumbers[i];
                    if (asNumberLength == 4) {
                        out.i32(asNumber);
                    } else {
                        out.u16(Integer.compareUnsigned(asNumber, 0xFFFF) > 0 ? OpenMessage.AS_TRANS : asNumber);
                    }
                }
            }
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AsPathSegment that && type == that.type && Arrays.equals(asNumbers, that.asNumbers);
    }

    @Override
    public int hashCode() {
        return 31 * type.hashCode() + Arrays.hashCode(asNumbers);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        String open = switch (type) {
            case AS_SET -> "{";
            case AS_CONFED_SEQUENCE -> "(";
            case AS_CONFED_SET -> "[";
            case AS_SEQUENCE -> "";
        };
        text.append(open);
        for (int i = 0; i < asNumbers.length; i++) {
            if (i > 0) {
                text.append(type.isSet() ? ',' : ' ');
            }
            text.append(Integer.toUnsignedString(asNumbers[i]));
        }
        text.append(switch (type) {
            case AS_SET -> "}";
            case AS_CONFED_SEQUENCE -> ")";
            case AS_CONFED_SET -> "]";
            case AS_SEQUENCE -> "";
        });
        return text.toString();
    }
}
