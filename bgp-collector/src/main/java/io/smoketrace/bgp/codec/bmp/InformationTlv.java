package io.smoketrace.bgp.codec.bmp;

import io.smoketrace.bgp.codec.Octets;
import io.smoketrace.bgp.codec.WireReader;
import io.smoketrace.bgp.codec.WireUnderflowException;
import io.smoketrace.bgp.codec.WireWriter;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * An Information TLV of Initiation, Termination and Peer Up messages (RFC 7854 4.4), and the TLVs of
 * Route Mirroring: a 2-octet type, a 2-octet length and the value.
 */
public record InformationTlv(int type, Octets value) {

    /** Free-form UTF-8 text, in every message that carries information TLVs. */
    public static final int STRING = 0;
    /** Initiation: the router's sysDescr. */
    public static final int SYS_DESCR = 1;
    /** Initiation: the router's sysName. */
    public static final int SYS_NAME = 2;
    /** Peer Up: the VRF or table name (RFC 9069). */
    public static final int VRF_TABLE_NAME = 3;
    /** Termination: the 2-octet reason code. */
    public static final int TERMINATION_REASON = 1;
    /** Route Mirroring: a whole BGP message. */
    public static final int MIRRORED_BGP_MESSAGE = 0;
    /** Route Mirroring: a 2-octet code (errored PDU, messages lost). */
    public static final int MIRRORING_INFORMATION = 1;

    public static InformationTlv text(int type, String text) {
        return new InformationTlv(type, Octets.copyOf(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** The value read as UTF-8, which RFC 7854 says string TLVs hold (without a terminating NUL). */
    public String text() {
        return new String(value.toByteArray(), StandardCharsets.UTF_8);
    }

    /** The value as a 2-octet code, for the TLVs that hold one. */
    public OptionalInt code() {
        return value.length() == 2 ? OptionalInt.of(value.get(0) << 8 | value.get(1)) : OptionalInt.empty();
    }

    static List<InformationTlv> decodeAll(WireReader reader) throws WireUnderflowException {
        List<InformationTlv> tlvs = new ArrayList<>();
        while (reader.hasRemaining()) {
            int type = reader.u16();
            int length = reader.u16();
            tlvs.add(new InformationTlv(type, reader.octets(length)));
        }
        return tlvs;
    }

    static void encodeAll(List<InformationTlv> tlvs, WireWriter out) {
        for (InformationTlv tlv : tlvs) {
            out.u16(tlv.type).u16(tlv.value.length()).octets(tlv.value);
        }
    }
}
