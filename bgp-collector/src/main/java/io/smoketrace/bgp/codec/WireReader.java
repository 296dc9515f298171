package io.smoketrace.bgp.codec;

/**
 * A bounded big-endian reader over a region of a byte array: every read is checked against what is left.
 */
public final class WireReader {

    private final byte[] buffer;
    private final int start;
    private final int limit;
    private int position;

    public WireReader(byte[] buffer, int offset, int length) {
        if (offset < 0 || length < 0 || offset > buffer.length - length) {
            throw new IndexOutOfBoundsException("region " + offset + "+" + length + " outside " + buffer.length);
        }
        this.buffer = buffer;
        this.start = offset;
        this.limit = offset + length;
        this.position = offset;
    }

    public static WireReader of(byte[] buffer) {
        return new WireReader(buffer, 0, buffer.length);
    }

    public int remaining() {
        return limit - position;
    }

    public boolean hasRemaining() {
        return position < limit;
    }

    /** Octets consumed since this reader's start. */
    public int consumed() {
        return position - start;
    }

    public int u8() throws WireUnderflowException {
        require(1);
        return buffer[position++] & 0xFF;
    }

    /** Looks at the next octet without consuming it. */
    public int peekU8() throws WireUnderflowException {
        require(1);
        return buffer[position] & 0xFF;
    }

    public int u16() throws WireUnderflowException {
        require(2);
        int value = (buffer[position] & 0xFF) << 8 | buffer[position + 1] & 0xFF;
        position += 2;
        return value;
    }

    /** A 32-bit field as its raw bits; callers that need the unsigned value use {@link #u32()}. */
    public int i32() throws WireUnderflowException {
        require(4);
        int value = (buffer[position] & 0xFF) << 24 | (buffer[position + 1] & 0xFF) << 16
                | (buffer[position + 2] & 0xFF) << 8 | buffer[position + 3] & 0xFF;
        position += 4;
        return value;
    }

    public long u32() throws WireUnderflowException {
        return Integer.toUnsignedLong(i32());
    }

    /** A 64-bit field as its raw bits (unsigned on the wire; print with {@link Long#toUnsignedString}). */
    public long i64() throws WireUnderflowException {
        long high = u32();
        return high << 32 | u32();
    }

    public byte[] bytes(int count) throws WireUnderflowException {
        require(count);
        byte[] copy = new byte[count];
        System.arraycopy(buffer, position, copy, 0, count);
        position += count;
        return copy;
    }

    /** Copies the next {@code count} octets without consuming them. */
    public byte[] peekBytes(int count) throws WireUnderflowException {
        require(count);
        byte[] copy = new byte[count];
        System.arraycopy(buffer, position, copy, 0, count);
        return copy;
    }

    /** Reads {@code count} octets into the start of {@code target}. */
    public void readInto(byte[] target, int count) throws WireUnderflowException {
        require(count);
        System.arraycopy(buffer, position, target, 0, count);
        position += count;
    }

    public Octets octets(int count) throws WireUnderflowException {
        require(count);
        Octets value = Octets.copyOf(buffer, position, count);
        position += count;
        return value;
    }

    /**
     * Reads {@code count} octets into a zero-filled value {@code width} octets wide: the shape of an
     * NLRI prefix, which carries only the octets its length needs.
     */
    public Octets octetsPadded(int count, int width) throws WireUnderflowException {
        require(count);
        if (count > width) {
            throw new IllegalArgumentException(count + " octets do not fit in " + width);
        }
        byte[] value = new byte[width];
        System.arraycopy(buffer, position, value, 0, count);
        position += count;
        return Octets.wrap(value);
    }

    /** The octets this reader consumed from {@code fromConsumed} up to now, for error reports. */
    public Octets consumedSince(int fromConsumed) {
        return Octets.copyOf(buffer, start + fromConsumed, position - start - fromConsumed);
    }

    public Octets rest() throws WireUnderflowException {
        return octets(remaining());
    }

    public void skip(int count) throws WireUnderflowException {
        require(count);
        position += count;
    }

    /** Consumes {@code count} octets and returns a reader bounded to exactly them. */
    public WireReader slice(int count) throws WireUnderflowException {
        require(count);
        WireReader slice = new WireReader(buffer, position, count);
        position += count;
        return slice;
    }

    private void require(int count) throws WireUnderflowException {
        if (count < 0 || count > limit - position) {
            throw new WireUnderflowException(count, limit - position, position - start);
        }
    }
}
