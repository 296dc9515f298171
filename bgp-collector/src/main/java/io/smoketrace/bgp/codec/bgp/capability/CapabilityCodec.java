package io.smoketrace.bgp.codec.bgp.capability;

import io.smoketrace.bgp.codec.WireReader;
import io.smoketrace.bgp.codec.WireUnderflowException;
import io.smoketrace.bgp.codec.WireWriter;

/**
 * How one capability's value is read and written.
 */
record CapabilityCodec<C extends Capability>(int code, Decoder<C> decoder, Encoder<C> encoder) {

    @FunctionalInterface
    interface Decoder<C> {
        C decode(WireReader value) throws MalformedCapabilityException, WireUnderflowException;
    }

    @FunctionalInterface
    interface Encoder<C> {
        void encode(C capability, WireWriter out);
    }

    static void expectLength(WireReader value, int length, String name) throws MalformedCapabilityException {
        if (value.remaining() != length) {
            throw new MalformedCapabilityException(name + " capability has " + value.remaining() + " octets, not " + length);
        }
    }

    static void expectMultipleOf(WireReader value, int unit, String name) throws MalformedCapabilityException {
        if (value.remaining() % unit != 0) {
            throw new MalformedCapabilityException(name + " capability length " + value.remaining() + " is not a multiple of " + unit);
        }
    }
}
