package io.smoketrace.bgp.codec.bgp.capability;

/**
 * Route Refresh (RFC 2918): the speaker accepts ROUTE-REFRESH messages.
 */
public record RouteRefreshCapability() implements Capability {

    public static final int CODE = 2;

    static final CapabilityCodec<RouteRefreshCapability> CODEC = new CapabilityCodec<>(CODE,
            value -> {
                CapabilityCodec.expectLength(value, 0, "Route Refresh");
                return new RouteRefreshCapability();
            },
            (capability, out) -> { });

    @Override
    public int code() {
        return CODE;
    }
}
