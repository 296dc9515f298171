package io.smoketrace.bgp.codec.bgp.capability;

/**
 * One capability advertised in an OPEN message (RFC 5492).
 */
public sealed interface Capability permits MultiprotocolCapability, RouteRefreshCapability, ExtendedMessageCapability,
        GracefulRestartCapability, FourOctetAsCapability, AddPathCapability, EnhancedRouteRefreshCapability,
        UnknownCapability {

    /** The capability code from the IANA registry. */
    int code();
}
