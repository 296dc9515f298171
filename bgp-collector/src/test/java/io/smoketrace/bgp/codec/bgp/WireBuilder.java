package io.smoketrace.bgp.codec.bgp;

import io.smoketrace.bgp.codec.WireWriter;

import java.util.HexFormat;

/**
 * Builds BGP messages octet by octet for tests, so that malformed ones can be written down.
 */
final class WireBuilder {

    private WireBuilder() {
    }

    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    /** A message with a correct header around the body. */
    static byte[] message(int type, byte[] body) {
        WireWriter out = new WireWriter();
        for (int i = 0; i < 16; i++) {
            out.u8(0xFF);
        }
        out.u16(BgpMessage.HEADER_LENGTH + body.length).u8(type).bytes(body);
        return out.toByteArray();
    }

    /** An UPDATE from hex fields: withdrawn routes, path attributes, NLRI. */
    static byte[] update(String withdrawn, String attributes, String nlri) {
        byte[] w = hex(withdrawn);
        byte[] a = hex(attributes);
        byte[] n = hex(nlri);
        WireWriter body = new WireWriter();
        body.u16(w.length).bytes(w).u16(a.length).bytes(a).bytes(n);
        return message(UpdateMessage.TYPE, body.toByteArray());
    }

    /** ORIGIN IGP, AS_PATH 65001 (4-octet), NEXT_HOP 192.0.2.1: a valid attribute set to add one bad attribute to. */
    static final String VALID_ATTRIBUTES = "40 01 01 00" + "40 02 06 02 01 0000fde9" + "40 03 04 c0000201";
    /** 198.51.100.0/24. */
    static final String ONE_PREFIX = "18 c63364";
}
