package io.smoketrace.common.net;

/** IPv6 addresses as RFC 5952 canonical text, from their eight 16-bit groups, without DNS or InetAddress. */
public final class Ipv6Text {

    private Ipv6Text() {
    }

    /** The canonical text of the address whose groups are {@code groups[0..7]} (each 0..0xFFFF). */
    public static String format(int[] groups) {
        // RFC 5952 4.2: compress the longest run of two or more zero groups, the first one on a tie.
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder text = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (!text.isEmpty() && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }
}
