package io.smoketrace.analyzer.rib;

import io.smoketrace.common.net.Ipv6Text;
import io.smoketrace.common.trace.AddressFamily;
import java.nio.charset.StandardCharsets;

/**
 * An IPv4 or IPv6 address as 128 bits: IPv6 as two longs, IPv4 left-aligned in the top 32 bits of
 * {@code hi}, so one trie walk serves both families and an address costs no object per byte.
 *
 * @param family IPv4 or IPv6
 * @param hi the upper 64 bits (IPv4: the address in bits 63..32, the rest zero)
 * @param lo the lower 64 bits (IPv4: zero)
 */
public record IpAddress(AddressFamily family, long hi, long lo) implements Comparable<IpAddress> {

    /** The number of bits in an address of this family. */
    public int width() {
        return width(family);
    }

    /** 32 for IPv4, 128 for IPv6. */
    public static int width(AddressFamily family) {
        return family == AddressFamily.IPV4 ? 32 : 128;
    }

    /** An IPv4 address from its 32-bit value. */
    public static IpAddress ipv4(int address) {
        return new IpAddress(AddressFamily.IPV4, (address & 0xFFFF_FFFFL) << 32, 0);
    }

    /** An IPv6 address from its two halves. */
    public static IpAddress ipv6(long hi, long lo) {
        return new IpAddress(AddressFamily.IPV6, hi, lo);
    }

    /** Parses a textual address; throws {@link IllegalArgumentException} naming the text when it is not one. */
    public static IpAddress parse(String text) {
        IpAddress address = tryParse(text);
        if (address == null) {
            throw new IllegalArgumentException("'" + text + "' is not an IPv4 or IPv6 address");
        }
        return address;
    }

    /**
     * Parses a textual address (dotted quad, or IPv6 with {@code ::}, an embedded IPv4 tail and an
     * optional {@code %zone}), or returns null. Hand-written because it runs for every hop of every trace.
     */
    public static IpAddress tryParse(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        int end = text.indexOf('%');
        end = end < 0 ? text.length() : end;
        if (text.indexOf(':') < 0) {
            long v4 = parseIpv4(text, 0, end);
            return v4 < 0 ? null : ipv4((int) v4);
        }
        return parseIpv6(text, end);
    }

    /** The dotted quad in {@code text[from, to)} as an unsigned value, or -1. */
    private static long parseIpv4(String text, int from, int to) {
        long value = 0;
        int octets = 0;
        int i = from;
        while (i < to) {
            int start = i;
            int octet = 0;
            while (i < to && i - start < 3 && Character.isDigit(text.charAt(i))) {
                octet = octet * 10 + (text.charAt(i) - '0');
                i++;
            }
            if (i == start || octet > 255) {
                return -1;
            }
            value = value << 8 | octet;
            octets++;
            if (i < to) {
                if (text.charAt(i) != '.' || octets == 4 || i + 1 == to) {
                    return -1;
                }
                i++;
            }
        }
        return octets == 4 ? value : -1;
    }

    private static IpAddress parseIpv6(String text, int end) {
        int[] groups = new int[8];
        int count = 0;
        int gap = -1;
        int i = 0;
        if (text.startsWith("::")) {
            gap = 0;
            i = 2;
        }
        while (i < end) {
            int start = i;
            int group = 0;
            while (i < end && i - start < 4 && Character.digit(text.charAt(i), 16) >= 0) {
                group = group << 4 | Character.digit(text.charAt(i), 16);
                i++;
            }
            if (i < end && text.charAt(i) == '.') {
                long v4 = parseIpv4(text, start, end);
                if (v4 < 0 || count > 6) {
                    return null;
                }
                groups[count++] = (int) (v4 >>> 16);
                groups[count++] = (int) (v4 & 0xFFFF);
                i = end;
                break;
            }
            if (i == start || count == 8) {
                return null;
            }
            groups[count++] = group;
            if (i < end) {
                if (text.charAt(i) != ':') {
                    return null;
                }
                i++;
                if (i < end && text.charAt(i) == ':') {
                    if (gap >= 0) {
                        return null;
                    }
                    gap = count;
                    i++;
                } else if (i == end) {
                    return null;
                }
            }
        }
        if (gap < 0 ? count != 8 : count > 7) {
            return null;
        }
        long hi = 0;
        long lo = 0;
        int zeros = 8 - count;
        int g = 0;
        for (int slot = 0; slot < 8; slot++) {
            boolean inGap = gap >= 0 && slot >= gap && slot < gap + zeros;
            int value = inGap ? 0 : groups[g++];
            if (slot < 4) {
                hi = hi << 16 | value;
            } else {
                lo = lo << 16 | value;
            }
        }
        return ipv6(hi, lo);
    }

    /** The address with every bit after the first {@code length} cleared. */
    public IpAddress masked(int length) {
        return new IpAddress(family, hi & mask(length), lo & mask(length - 64));
    }

    /** A mask of the top {@code bits} bits of a long (0 and 64 included, negative as 0). */
    static long mask(int bits) {
        return bits <= 0 ? 0 : bits >= 64 ? -1L : -1L << (64 - bits);
    }

    /** The usual text form: dotted quad, or RFC 5952 IPv6 (lower case, longest zero run as {@code ::}). */
    @Override
    public String toString() {
        if (family == AddressFamily.IPV4) {
            return ipv4Text();
        }
        int[] groups = new int[8];
        for (int i = 0; i < 4; i++) {
            groups[i] = (int) (hi >>> (48 - 16 * i)) & 0xFFFF;
            groups[i + 4] = (int) (lo >>> (48 - 16 * i)) & 0xFFFF;
        }
        return Ipv6Text.format(groups);
    }

    /** The dotted quad, written digit by digit: it is formatted for every annotated hop of every trace. */
    private String ipv4Text() {
        byte[] text = new byte[15];
        int length = 0;
        for (int shift = 24; shift >= 0; shift -= 8) {
            int octet = (int) (hi >>> (32 + shift)) & 0xFF;
            if (octet >= 100) {
                text[length++] = (byte) ('0' + octet / 100);
            }
            if (octet >= 10) {
                text[length++] = (byte) ('0' + octet / 10 % 10);
            }
            text[length++] = (byte) ('0' + octet % 10);
            if (shift > 0) {
                text[length++] = '.';
            }
        }
        return new String(text, 0, length, StandardCharsets.US_ASCII);
    }

    @Override
    public int compareTo(IpAddress other) {
        int byFamily = family.compareTo(other.family);
        if (byFamily != 0) {
            return byFamily;
        }
        int byHi = Long.compareUnsigned(hi, other.hi);
        return byHi != 0 ? byHi : Long.compareUnsigned(lo, other.lo);
    }
}
