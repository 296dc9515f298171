package io.smoketrace.common.bgp;

import java.util.List;

/**
 * One AS_PATH segment.
 *
 * @param type the segment type
 * @param asns the AS numbers in wire order
 */
public record AsPathSegment(SegmentType type, List<Long> asns) {

    public AsPathSegment {
        asns = List.copyOf(asns);
    }

    /** A sequence of the given ASes. */
    public static AsPathSegment sequence(List<Long> asns) {
        return new AsPathSegment(SegmentType.AS_SEQUENCE, asns);
    }

    /** The segment as text: a sequence space-separated, a set in braces, confederation parts in parentheses. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        String separator = type == SegmentType.AS_SEQUENCE || type == SegmentType.AS_CONFED_SEQUENCE ? " " : ",";
        for (Long asn : asns) {
            if (!sb.isEmpty()) {
                sb.append(separator);
            }
            sb.append(asn);
        }
        return switch (type) {
            case AS_SEQUENCE -> sb.toString();
            case AS_SET -> "{" + sb + "}";
            case AS_CONFED_SEQUENCE -> "(" + sb + ")";
            case AS_CONFED_SET -> "[" + sb + "]";
        };
    }

    /** AS_PATH segment types (RFC 4271, RFC 5065). */
    public enum SegmentType { AS_SET, AS_SEQUENCE, AS_CONFED_SEQUENCE, AS_CONFED_SET }
}
