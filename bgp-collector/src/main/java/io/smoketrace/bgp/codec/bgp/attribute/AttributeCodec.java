package io.smoketrace.bgp.codec.bgp.attribute;

import io.smoketrace.bgp.codec.WireReader;
import io.smoketrace.bgp.codec.WireUnderflowException;
import io.smoketrace.bgp.codec.WireWriter;
import io.smoketrace.bgp.codec.bgp.DecodeContext;
import io.smoketrace.bgp.codec.bgp.ErrorAction;

/**
 * How one attribute type is read and written, the Optional/Transitive flags it must carry, and what
 * RFC 7606 section 7 says to do when it is malformed.
 *
 * @param flags            the Optional and Transitive bits the attribute is defined with
 * @param malformedAction  the RFC 7606 approach for a malformed instance
 * @param malformedSubcode the UPDATE Message Error subcode RFC 4271 uses for a bad value
 */
record AttributeCodec<A extends PathAttribute>(int typeCode, String name, int flags, ErrorAction malformedAction,
                                               int malformedSubcode, Decoder<A> decoder, Encoder<A> encoder) {

    @FunctionalInterface
    interface Decoder<A> {
        A decode(WireReader value, DecodeContext context) throws MalformedAttributeException, WireUnderflowException;
    }

    @FunctionalInterface
    interface Encoder<A> {
        void encode(A attribute, WireWriter out, DecodeContext context);
    }

    static void expectLength(WireReader value, int length, String name) throws MalformedAttributeException {
        if (value.remaining() != length) {
            throw MalformedAttributeException.length(name + " length " + value.remaining() + ", expected " + length);
        }
    }

    /** RFC 7606 wording for list attributes: a length that is "not a non-zero multiple of" the unit. */
    static void expectNonZeroMultipleOf(WireReader value, int unit, String name) throws MalformedAttributeException {
        if (value.remaining() == 0 || value.remaining() % unit != 0) {
            throw MalformedAttributeException.length(name + " length " + value.remaining()
                    + " is not a non-zero multiple of " + unit);
        }
    }
}
