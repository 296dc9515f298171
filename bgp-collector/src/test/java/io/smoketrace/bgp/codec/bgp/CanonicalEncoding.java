package io.smoketrace.bgp.codec.bgp;

import io.smoketrace.bgp.codec.bgp.attribute.PathAttribute;
import io.smoketrace.bgp.codec.bgp.attribute.PathAttributeCodec;

import java.nio.ByteBuffer;

/**
 * Tells whether a sender chose the encoding our encoder produces: the only freedom in an UPDATE that
 * the codec does not keep is the attribute flags' Partial bit and a needless extended length.
 */
public final class CanonicalEncoding {

    private CanonicalEncoding() {
    }

    /** Whether the UPDATE starting at {@code offset} (header included) uses canonical attribute headers. */
    public static boolean isCanonicalUpdate(byte[] octets, int offset) {
        ByteBuffer message = ByteBuffer.wrap(octets);
        if (octets[offset + 18] != UpdateMessage.TYPE) {
            return true;
        }
        int at = offset + BgpMessage.HEADER_LENGTH;
        at += 2 + (message.getShort(at) & 0xFFFF);
        int end = at + 2 + (message.getShort(at) & 0xFFFF);
        at += 2;
        while (at < end) {
            int flags = octets[at] & 0xFF;
            int type = octets[at + 1] & 0xFF;
            boolean extended = (flags & PathAttribute.EXTENDED_LENGTH) != 0;
            int length = extended ? message.getShort(at + 2) & 0xFFFF : octets[at + 2] & 0xFF;
            if (extended && length <= 255) {
                return false;
            }
            if (PathAttributeCodec.isKnown(type) && (flags & PathAttribute.PARTIAL) != 0) {
                return false;
            }
            at += (extended ? 4 : 3) + length;
        }
        return true;
    }
}
