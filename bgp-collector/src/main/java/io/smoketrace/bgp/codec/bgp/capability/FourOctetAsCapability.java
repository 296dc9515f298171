package io.smoketrace.bgp.codec.bgp.capability;

/**
 * Support for 4-octet AS numbers (RFC 6793), carrying the speaker's real AS number.
 */
public record FourOctetAsCapability(long asNumber) implements Capability {

    public static final int CODE = 65;

    static final CapabilityCodec<FourOctetAsCapability> CODEC = new CapabilityCodec<>(CODE,
            value -> {
                CapabilityCodec.expectLength(value, 4, "4-octet AS");
                return new FourOctetAsCapability(value.u32());
            },
            (capability, out) -> out.u32(capability.asNumber));

    public FourOctetAsCapability {
        if (asNumber < 0 || asNumber > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("AS number out of range: " + asNumber);
        }
    }

    @Override
    public int code() {
        return CODE;
    }
}
