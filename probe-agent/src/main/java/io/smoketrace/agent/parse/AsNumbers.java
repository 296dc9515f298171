package io.smoketrace.agent.parse;

/** Reads the AS numbers tools annotate hops with ({@code AS15169}, {@code 15169}). */
final class AsNumbers {

    private static final long MAX_ASN = 4_294_967_295L;

    private AsNumbers() {
    }

    /** The digits as a 32-bit AS number, or null when they are not one. */
    static Long parse(String digits) {
        if (digits.isEmpty() || digits.length() > 10) {
            return null;
        }
        long value = 0;
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
            value = value * 10 + (c - '0');
        }
        return value <= MAX_ASN ? value : null;
    }

    /** {@code AS15169} as 15169; null for mtr's {@code AS???} (no answer from the lookup) or anything else. */
    static Long fromAsPrefixed(String text) {
        return text != null && text.startsWith("AS") ? parse(text.substring(2)) : null;
    }
}
