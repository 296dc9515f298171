package io.smoketrace.bgp.codec.bgp.capability;

import io.smoketrace.bgp.codec.bgp.AfiSafi;

import java.util.ArrayList;
import java.util.List;

/**
 * Graceful Restart (RFC 4724): restart flags and time, and which address families keep forwarding state.
 */
public record GracefulRestartCapability(int restartFlags, int restartTime, List<Family> families) implements Capability {

    public static final int CODE = 64;
    /** The R bit: the speaker has restarted. */
    public static final int RESTART_STATE = 0x8;
    /** The F bit of an address family: forwarding state was preserved. */
    public static final int FORWARDING_STATE_PRESERVED = 0x80;

    /** An address family the speaker can restart gracefully. */
    public record Family(AfiSafi afiSafi, int flags) {
    }

    static final CapabilityCodec<GracefulRestartCapability> CODEC = new CapabilityCodec<>(CODE,
            value -> {
                if (value.remaining() < 2 || (value.remaining() - 2) % 4 != 0) {
                    throw new MalformedCapabilityException("Graceful Restart capability length " + value.remaining()
                            + " is not 2 plus a multiple of 4");
                }
                int flagsAndTime = value.u16();
                List<Family> families = new ArrayList<>();
                while (value.hasRemaining()) {
                    int afi = value.u16();
                    int safi = value.u8();
                    families.add(new Family(new AfiSafi(afi, safi), value.u8()));
                }
                return new GracefulRestartCapability(flagsAndTime >>> 12, flagsAndTime & 0xFFF, families);
            },
            (capability, out) -> {
                out.u16(capability.restartFlags << 12 | capability.restartTime);
                for (Family family : capability.families) {
                    out.u16(family.afiSafi.afi()).u8(family.afiSafi.safi()).u8(family.flags);
                }
            });

    public GracefulRestartCapability {
        families = List.copyOf(families);
    }

    @Override
    public int code() {
        return CODE;
    }
}
