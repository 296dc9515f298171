package io.smoketrace.bgp.codec.bgp.attribute;

import io.smoketrace.bgp.codec.bgp.ErrorAction;
import io.smoketrace.bgp.codec.bgp.NotificationMessage;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * AS_PATH: the ASes the route passed through, nearest first. AS number width follows the session
 * ({@link io.smoketrace.bgp.codec.bgp.DecodeContext#fourOctetAs()}).
 */
public record AsPath(List<AsPathSegment> segments) implements PathAttribute {

    public static final int TYPE = 2;
    public static final AsPath EMPTY = new AsPath(List.of());

    static final AttributeCodec<AsPath> CODEC = new AttributeCodec<>(TYPE, "AS_PATH", WELL_KNOWN,
            ErrorAction.TREAT_AS_WITHDRAW, NotificationMessage.UpdateError.MALFORMED_AS_PATH,
            (value, context) -> new AsPath(AsPathSegment.decodeAll(value, context.asNumberLength())),
            (path, out, context) -> AsPathSegment.encodeAll(path.segments, context.asNumberLength(), out));

    public AsPath {
        segments = List.copyOf(segments);
    }

    public static AsPath sequence(long... asNumbers) {
        return new AsPath(List.of(AsPathSegment.sequence(asNumbers)));
    }

    @Override
    public int typeCode() {
        return TYPE;
    }

    /** The path length used by best-path selection (RFC 4271 9.1.2.2). */
    public int pathLength() {
        int length = 0;
        for (AsPathSegment segment : segments) {
            length += segment.pathLength();
        }
        return length;
    }

    /** The AS that originated the route: the last AS of a path ending in a sequence. */
    public OptionalLong originAs() {
        if (segments.isEmpty()) {
            return OptionalLong.empty();
        }
        AsPathSegment last = segments.getLast();
        return last.type() == AsPathSegment.Type.AS_SEQUENCE
                ? OptionalLong.of(last.asNumber(last.size() - 1))
                : OptionalLong.empty();
    }

    /**
     * The real path of a route learned from a 2-octet speaker (RFC 6793 4.2.3): as many leading AS
     * numbers of this AS_PATH as the AS4_PATH lacks, followed by the AS4_PATH. An AS4_PATH longer
     * than this path is ignored, as the RFC requires.
     */
    public AsPath mergedWith(As4Path as4Path) {
        int missing = pathLength() - as4Path.pathLength();
        if (missing < 0) {
            return this;
        }
        List<AsPathSegment> merged = new ArrayList<>();
        for (AsPathSegment segment : segments) {
            if (missing == 0 && !segment.type().isConfederation()) {
                break;
            }
            if (segment.type() == AsPathSegment.Type.AS_SEQUENCE && segment.size() > missing) {
                merged.add(segment.truncated(missing));
            } else {
                merged.add(segment);
            }
            missing -= Math.min(missing, segment.pathLength());
        }
        merged.addAll(as4Path.segments());
        return new AsPath(merged);
    }

    @Override
    public String toString() {
        return segments.stream().map(AsPathSegment::toString).collect(Collectors.joining(" "));
    }
}
