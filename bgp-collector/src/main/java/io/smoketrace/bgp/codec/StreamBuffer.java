package io.smoketrace.bgp.codec;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Octets received from a byte stream (such as TCP segments) that have not yet formed a whole message.
 */
public final class StreamBuffer {

    private byte[] buffer = new byte[8192];
    private int start;
    private int end;
    private long streamOffset;

    public void append(byte[] chunk, int offset, int length) {
        makeRoom(length);
        System.arraycopy(chunk, offset, buffer, end, length);
        end += length;
    }

    public void append(ByteBuffer chunk) {
        int length = chunk.remaining();
        makeRoom(length);
        chunk.get(buffer, end, length);
        end += length;
    }

    public int available() {
        return end - start;
    }

    /** The array holding the unconsumed octets, which start at {@link #start()}. Valid until the next append. */
    public byte[] array() {
        return buffer;
    }

    public int start() {
        return start;
    }

    /** Position in the whole stream of the first unconsumed octet. */
    public long streamOffset() {
        return streamOffset;
    }

    public void consume(int count) {
        if (count < 0 || count > available()) {
            throw new IllegalArgumentException("cannot consume " + count + " of " + available() + " octets");
        }
        start += count;
        streamOffset += count;
        if (start == end) {
            start = 0;
            end = 0;
        }
    }

    private void makeRoom(int extra) {
        if (end + extra <= buffer.length) {
            return;
        }
        int pending = end - start;
        if (pending + extra > buffer.length) {
            buffer = Arrays.copyOfRange(buffer, start, start + Math.max(buffer.length * 2, pending + extra));
        } else {
            System.arraycopy(buffer, start, buffer, 0, pending);
        }
        start = 0;
        end = pending;
    }
}
