package io.smoketrace.bgp.codec.bmp;

/**
 * A BGP Monitoring Protocol v3 message (RFC 7854) as a router sends it to a monitoring station.
 */
public sealed interface BmpMessage permits RouteMonitoring, StatisticsReport, PeerDownNotification, PeerUpNotification,
        InitiationMessage, TerminationMessage, RouteMirroring {

    int VERSION = 3;
    /** Version (1), message length (4), message type (1). */
    int COMMON_HEADER_LENGTH = 6;

    /** The message type code from the common header. */
    int type();
}
