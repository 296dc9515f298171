package io.smoketrace.bgp.codec.bgp.capability;

import io.smoketrace.bgp.codec.bgp.AfiSafi;

/**
 * Multiprotocol Extensions (RFC 4760): the speaker handles routes of this address family.
 */
public record MultiprotocolCapability(AfiSafi afiSafi) implements Capability {

    public static final int CODE = 1;

    static final CapabilityCodec<MultiprotocolCapability> CODEC = new CapabilityCodec<>(CODE,
            value -> {
                CapabilityCodec.expectLength(value, 4, "Multiprotocol");
                int afi = value.u16();
                value.u8(); // reserved
                return new MultiprotocolCapability(new AfiSafi(afi, value.u8()));
            },
            (capability, out) -> out.u16(capability.afiSafi.afi()).u8(0).u8(capability.afiSafi.safi()));

    @Override
    public int code() {
        return CODE;
    }
}
