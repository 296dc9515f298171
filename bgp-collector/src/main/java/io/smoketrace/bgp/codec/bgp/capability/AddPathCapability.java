package io.smoketrace.bgp.codec.bgp.capability;

import io.smoketrace.bgp.codec.bgp.AfiSafi;

import java.util.ArrayList;
import java.util.List;

/**
 * ADD-PATH (RFC 7911): per address family, whether the speaker sends and/or receives several paths per prefix.
 */
public record AddPathCapability(List<Family> families) implements Capability {

    public static final int CODE = 69;
    public static final int RECEIVE = 1;
    public static final int SEND = 2;
    public static final int SEND_RECEIVE = 3;

    /** One address family and its Send/Receive field. */
    public record Family(AfiSafi afiSafi, int sendReceive) {

        public boolean canSend() {
            return (sendReceive & SEND) != 0;
        }

        public boolean canReceive() {
            return (sendReceive & RECEIVE) != 0;
        }
    }

    static final CapabilityCodec<AddPathCapability> CODEC = new CapabilityCodec<>(CODE,
            value -> {
                CapabilityCodec.expectMultipleOf(value, 4, "ADD-PATH");
                List<Family> families = new ArrayList<>();
                while (value.hasRemaining()) {
                    int afi = value.u16();
                    int safi = value.u8();
                    families.add(new Family(new AfiSafi(afi, safi), value.u8()));
                }
                return new AddPathCapability(families);
            },
            (capability, out) -> {
                for (Family family : capability.families) {
                    out.u16(family.afiSafi.afi()).u8(family.afiSafi.safi()).u8(family.sendReceive);
                }
            });

    public AddPathCapability {
        families = List.copyOf(families);
    }

    @Override
    public int code() {
        return CODE;
    }
}
