package io.smoketrace.bgp.codec.bgp;

import io.smoketrace.bgp.codec.WireReader;
import io.smoketrace.bgp.codec.WireUnderflowException;
import io.smoketrace.bgp.codec.WireWriter;

import java.util.List;

/**
 * The NLRI encoding shared by UPDATE, MP_REACH_NLRI, MP_UNREACH_NLRI and MRT: an optional 4-octet
 * path identifier, a prefix length in bits, and just enough octets to hold that many bits.
 */
public final class NlriCodec {

    private NlriCodec() {
    }

    /**
     * Decodes prefixes until the reader is empty.
     *
     * @param errorSubcode the UPDATE Message Error subcode for a syntax error here: Invalid Network
     *                     Field in the NLRI and withdrawn fields, Optional Attribute Error inside MP attributes
     */
    public static void decode(WireReader field, int afi, boolean addPath, int errorSubcode, List<Nlri> out)
            throws BgpDecodeException {
        int width = afi == AfiSafi.AFI_IPV6 ? 16 : 4;
        try {
            while (field.hasRemaining()) {
                long pathId = addPath ? field.u32() : -1;
                IpPrefix prefix = decodePrefix(field, width, errorSubcode);
                out.add(addPath ? Nlri.of(prefix, pathId) : Nlri.of(prefix));
            }
        } catch (WireUnderflowException overrun) {
            throw new BgpDecodeException(NotificationMessage.UPDATE_MESSAGE_ERROR, errorSubcode,
                    "NLRI overruns its field: " + overrun.getMessage());
        }
    }

    /** Reads one length-prefixed prefix of an address {@code width} octets wide. */
    public static IpPrefix decodePrefix(WireReader field, int width, int errorSubcode)
            throws BgpDecodeException, WireUnderflowException {
        int length = field.u8();
        if (length > width * 8) {
            throw new BgpDecodeException(NotificationMessage.UPDATE_MESSAGE_ERROR, errorSubcode,
                    "prefix length " + length + " exceeds " + width * 8);
        }
        return new IpPrefix(field.octetsPadded((length + 7) >>> 3, width), length);
    }

    public static void encode(List<Nlri> nlri, boolean addPath, WireWriter out) {
        for (Nlri entry : nlri) {
            if (addPath) {
                out.u32(entry.pathId().orElse(0));
            }
            encodePrefix(entry.prefix(), out);
        }
    }

    public static void encodePrefix(IpPrefix prefix, WireWriter out) {
        out.u8(prefix.length());
        int octets = (prefix.length() + 7) >>> 3;
        for (int i = 0; i < octets; i++) {
            out.u8(prefix.address().get(i));
        }
    }
}
