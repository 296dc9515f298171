package io.smoketrace.bgp.codec;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * An immutable string of octets, for fields the codec keeps as they were on the wire.
 */
public final class Octets {

    public static final Octets EMPTY = new Octets(new byte[0]);

    private final byte[] bytes;

    private Octets(byte[] bytes) {
        this.bytes = bytes;
    }

    public static Octets copyOf(byte[] source) {
        return copyOf(source, 0, source.length);
    }

    public static Octets copyOf(byte[] source, int offset, int length) {
        return length == 0 ? EMPTY : new Octets(Arrays.copyOfRange(source, offset, offset + length));
    }

    /** Takes ownership of an array nobody else holds; only the reader that just filled it calls this. */
    static Octets wrap(byte[] owned) {
        return owned.length == 0 ? EMPTY : new Octets(owned);
    }

    public static Octets fromHex(String hex) {
        return copyOf(HexFormat.of().parseHex(hex));
    }

    public int length() {
        return bytes.length;
    }

    public boolean isEmpty() {
        return bytes.length == 0;
    }

    /** The octet at {@code index} as an unsigned value. */
    public int get(int index) {
        return bytes[index] & 0xFF;
    }

    public byte[] toByteArray() {
        return bytes.clone();
    }

    public WireReader reader() {
        return new WireReader(bytes, 0, bytes.length);
    }

    public String toHex() {
        return HexFormat.of().formatHex(bytes);
    }

    void copyTo(byte[] target, int offset) {
        System.arraycopy(bytes, 0, target, offset, bytes.length);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Octets that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return toHex();
    }
}
