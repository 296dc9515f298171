package io.smoketrace.bgp.codec.bgp.capability;

import io.smoketrace.bgp.codec.WireReader;
import io.smoketrace.bgp.codec.WireUnderflowException;
import io.smoketrace.bgp.codec.WireWriter;

import java.util.ArrayList;
import java.util.List;

/**
 * The registry of capability codecs, keyed by capability code, and the code/length/value framing
 * of a Capabilities optional parameter.
 */
public final class Capabilities {

    private static final CapabilityCodec<?>[] BY_CODE = new CapabilityCodec<?>[256];

    static {
        register(MultiprotocolCapability.CODEC);
        register(RouteRefreshCapability.CODEC);
        register(ExtendedMessageCapability.CODEC);
        register(GracefulRestartCapability.CODEC);
        register(FourOctetAsCapability.CODEC);
        register(AddPathCapability.CODEC);
        register(EnhancedRouteRefreshCapability.CODEC);
    }

    private Capabilities() {
    }

    private static void register(CapabilityCodec<?> codec) {
        if (BY_CODE[codec.code()] != null) {
            throw new IllegalStateException("capability code " + codec.code() + " registered twice");
        }
        BY_CODE[codec.code()] = codec;
    }

    /** Decodes every capability in a Capabilities parameter value. */
    public static List<Capability> decode(WireReader parameter) throws MalformedCapabilityException {
        List<Capability> capabilities = new ArrayList<>();
        try {
            while (parameter.hasRemaining()) {
                int code = parameter.u8();
                int length = parameter.u8();
                if (length > parameter.remaining()) {
                    throw new MalformedCapabilityException("capability " + code + " length " + length
                            + " overruns the parameter (" + parameter.remaining() + " octets left)");
                }
                WireReader value = parameter.slice(length);
                CapabilityCodec<?> codec = BY_CODE[code];
                capabilities.add(codec == null ? new UnknownCapability(code, value.rest()) : codec.decoder().decode(value));
                if (value.hasRemaining()) {
                    throw new MalformedCapabilityException("capability " + code + " has " + value.remaining() + " unread octets");
                }
            }
        } catch (WireUnderflowException truncated) {
            throw new MalformedCapabilityException("truncated capability: " + truncated.getMessage());
        }
        return capabilities;
    }

    /** Writes capabilities as code/length/value triples. */
    public static void encode(List<Capability> capabilities, WireWriter out) {
        for (Capability capability : capabilities) {
            out.u8(capability.code());
            int lengthAt = out.size();
            out.u8(0);
            encodeValue(capability, out);
            int length = out.size() - lengthAt - 1;
            if (length > 255) {
                throw new IllegalArgumentException("capability " + capability.code() + " value is " + length + " octets");
            }
            out.patchU8(lengthAt, length);
        }
    }

    @SuppressWarnings("unchecked")
    private static <C extends Capability> void encodeValue(C capability, WireWriter out) {
        if (capability instanceof UnknownCapability unknown) {
            out.octets(unknown.value());
            return;
        }
        ((CapabilityCodec<C>) BY_CODE[capability.code()]).encoder().encode(capability, out);
    }
}
