package io.smoketrace.bgp.codec.bgp.attribute;

import io.smoketrace.bgp.codec.bgp.ErrorAction;
import io.smoketrace.bgp.codec.bgp.NotificationMessage;

/**
 * MULTI_EXIT_DISC (MED): the neighbour AS's preference among its entry points, lower is better.
 */
public record MultiExitDisc(long value) implements PathAttribute {

    public static final int TYPE = 4;

    static final AttributeCodec<MultiExitDisc> CODEC = new AttributeCodec<>(TYPE, "MULTI_EXIT_DISC", OPTIONAL_NON_TRANSITIVE,
            ErrorAction.TREAT_AS_WITHDRAW, NotificationMessage.UpdateError.OPTIONAL_ATTRIBUTE_ERROR,
            (value, context) -> {
                AttributeCodec.expectLength(value, 4, "MULTI_EXIT_DISC");
                return new MultiExitDisc(value.u32());
            },
            (med, out, context) -> out.u32(med.value));

    @Override
    public int typeCode() {
        return TYPE;
    }
}
