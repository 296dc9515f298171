package io.smoketrace.bgp.codec.bgp;

/**
 * The RFC 7606 approach to an error in an UPDATE, from the mildest to the most severe.
 */
public enum ErrorAction {
    /** Drop the attribute and process the rest of the UPDATE as usual. */
    ATTRIBUTE_DISCARD,
    /** Treat every route in the UPDATE as withdrawn. */
    TREAT_AS_WITHDRAW,
    /** Send the NOTIFICATION and reset the session. */
    SESSION_RESET
}
