package io.smoketrace.common.trace;

/** The IP version of a target or responder. */
public enum AddressFamily {
    IPV4, IPV6;

    /** The family of a textual address (contains ':' for IPv6). */
    public static AddressFamily of(String address) {
        return address.indexOf(':') >= 0 ? IPV6 : IPV4;
    }
}
