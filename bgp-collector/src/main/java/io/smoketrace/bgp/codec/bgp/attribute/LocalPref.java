package io.smoketrace.bgp.codec.bgp.attribute;

import io.smoketrace.bgp.codec.bgp.ErrorAction;
import io.smoketrace.bgp.codec.bgp.NotificationMessage;

/**
 * LOCAL_PREF: the local AS's preference for the route, higher is better. A speaker drops it when it
 * comes from an external peer (RFC 7606 7.5); the codec does not know the peer, so it keeps it.
 */
public record LocalPref(long value) implements PathAttribute {

    public static final int TYPE = 5;

    static final AttributeCodec<LocalPref> CODEC = new AttributeCodec<>(TYPE, "LOCAL_PREF", WELL_KNOWN,
            ErrorAction.TREAT_AS_WITHDRAW, NotificationMessage.UpdateError.ATTRIBUTE_LENGTH_ERROR,
            (value, context) -> {
                AttributeCodec.expectLength(value, 4, "LOCAL_PREF");
                return new LocalPref(value.u32());
            },
            (localPref, out, context) -> out.u32(localPref.value));

    @Override
    public int typeCode() {
        return TYPE;
    }
}
