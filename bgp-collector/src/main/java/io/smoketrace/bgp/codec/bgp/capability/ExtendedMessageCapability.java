package io.smoketrace.bgp.codec.bgp.capability;

/**
 * Extended Message (RFC 8654): the speaker accepts messages up to 65535 octets.
 */
public record ExtendedMessageCapability() implements Capability {

    public static final int CODE = 6;

    static final CapabilityCodec<ExtendedMessageCapability> CODEC = new CapabilityCodec<>(CODE,
            value -> {
                CapabilityCodec.expectLength(value, 0, "Extended Message");
                return new ExtendedMessageCapability();
            },
            (capability, out) -> { });

    @Override
    public int code() {
        return CODE;
    }
}
