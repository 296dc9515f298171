package io.smoketrace.bgp.codec.bgp.capability;

/**
 * Enhanced Route Refresh (RFC 7313): the speaker marks the beginning and end of a route refresh.
 */
public record EnhancedRouteRefreshCapability() implements Capability {

    public static final int CODE = 70;

    static final CapabilityCodec<EnhancedRouteRefreshCapability> CODEC = new CapabilityCodec<>(CODE,
            value -> {
                CapabilityCodec.expectLength(value, 0, "Enhanced Route Refresh");
                return new EnhancedRouteRefreshCapability();
            },
            (capability, out) -> { });

    @Override
    public int code() {
        return CODE;
    }
}
