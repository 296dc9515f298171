package io.smoketrace.bgp.codec;

/**
 * A field was read past the end of the octets its enclosing length allowed.
 */
public final class WireUnderflowException extends CodecException {

    public WireUnderflowException(int needed, int remaining, int position) {
        super("needed " + needed + " octets at position " + position + " but only " + remaining + " remain");
    }
}
