package io.smoketrace.bgp.codec.bgp;

/**
 * A BGP-4 message (RFC 4271): what travels on a BGP session after the 19-octet header.
 */
public sealed interface BgpMessage
        permits OpenMessage, UpdateMessage, NotificationMessage, KeepaliveMessage, RouteRefreshMessage {

    /** Length of the fixed header: 16-octet marker, 2-octet length, 1-octet type. */
    int HEADER_LENGTH = 19;
    /** RFC 4271's largest message. */
    int MAX_LENGTH = 4096;
    /** Largest message once the Extended Message capability (RFC 8654) is negotiated. */
    int MAX_EXTENDED_LENGTH = 65535;

    /** The message type code from the header. */
    int type();
}
