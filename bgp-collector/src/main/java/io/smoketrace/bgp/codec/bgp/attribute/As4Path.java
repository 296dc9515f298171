package io.smoketrace.bgp.codec.bgp.attribute;

import io.smoketrace.bgp.codec.bgp.ErrorAction;
import io.smoketrace.bgp.codec.bgp.NotificationMessage;

import java.util.List;
import java.util.stream.Collectors;

/**
 * AS4_PATH (RFC 6793): the 4-octet AS path a new speaker sends next to the AS_TRANS-filled AS_PATH of
 * a 2-octet session.
 */
public record As4Path(List<AsPathSegment> segments) implements PathAttribute {

    public static final int TYPE = 17;

    // RFC 6793 section 6: a malformed AS4_PATH is discarded, and confederation segments do not belong in it.
    static final AttributeCodec<As4Path> CODEC = new AttributeCodec<>(TYPE, "AS4_PATH", OPTIONAL_TRANSITIVE,
            ErrorAction.ATTRIBUTE_DISCARD, NotificationMessage.UpdateError.OPTIONAL_ATTRIBUTE_ERROR,
            (value, context) -> {
                List<AsPathSegment> segments = AsPathSegment.decodeAll(value, 4);
                for (AsPathSegment segment : segments) {
                    if (segment.type().isConfederation()) {
                        throw MalformedAttributeException.value("AS4_PATH carries a confederation segment");
                    }
                }
                return new As4Path(segments);
            },
            (path, out, context) -> AsPathSegment.encodeAll(path.segments, 4, out));

    public As4Path {
        segments = List.copyOf(segments);
    }

    @Override
    public int typeCode() {
        return TYPE;
    }

    public int pathLength() {
        return new AsPath(segments).pathLength();
    }

    @Override
    public String toString() {
        return segments.stream().map(AsPathSegment::toString).collect(Collectors.joining(" "));
    }
}
