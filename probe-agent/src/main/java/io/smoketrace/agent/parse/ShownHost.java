package io.smoketrace.agent.parse;

/**
 * A responder as a tool prints it: {@code name (address)}, a bare address, or only a name (no -n
 * and no -b, or a redacted sample); the address is null when it was not printed.
 *
 * @param address the printed address, or null
 * @param hostname the printed name when it says more than the address, or null
 */
record ShownHost(String address, String hostname) {

    /** What tracepath -b prints as the name of an address without a reverse name. */
    private static final String NO_NAME = "???";

    /** From a name and the text that followed it in parentheses (null when none did). */
    static ShownHost of(String name, String inParentheses) {
        if (inParentheses == null) {
            return Addresses.isAddress(name) ? new ShownHost(Addresses.withoutZone(name), null) : new ShownHost(null, nameOrNull(name, null));
        }
        if (Addresses.isAddress(inParentheses)) {
            String address = Addresses.withoutZone(inParentheses);
            return new ShownHost(address, nameOrNull(name, address));
        }
        return new ShownHost(null, nameOrNull(name, null));
    }

    /** From one text of the form {@code name (address)}, {@code address} or {@code name}. */
    static ShownHost parse(String text) {
        String trimmed = text.strip();
        int open = trimmed.lastIndexOf(" (");
        if (open > 0 && trimmed.endsWith(")")) {
            return of(trimmed.substring(0, open).strip(), trimmed.substring(open + 2, trimmed.length() - 1));
        }
        return of(trimmed, null);
    }

    private static String nameOrNull(String name, String address) {
        return name.isEmpty() || NO_NAME.equals(name) || name.equals(address) ? null : name;
    }
}
