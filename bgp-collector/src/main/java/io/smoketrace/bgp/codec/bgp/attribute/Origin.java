package io.smoketrace.bgp.codec.bgp.attribute;

import io.smoketrace.bgp.codec.bgp.ErrorAction;
import io.smoketrace.bgp.codec.bgp.NotificationMessage;

/**
 * ORIGIN: how the route entered BGP (IGP, EGP or INCOMPLETE).
 */
public record Origin(int value) implements PathAttribute {

    public static final int TYPE = 1;
    public static final int IGP = 0;
    public static final int EGP = 1;
    public static final int INCOMPLETE = 2;

    public static final Origin ORIGIN_IGP = new Origin(IGP);

    static final AttributeCodec<Origin> CODEC = new AttributeCodec<>(TYPE, "ORIGIN", WELL_KNOWN,
            ErrorAction.TREAT_AS_WITHDRAW, NotificationMessage.UpdateError.INVALID_ORIGIN_ATTRIBUTE,
            (value, context) -> {
                AttributeCodec.expectLength(value, 1, "ORIGIN");
                int origin = value.u8();
                if (origin > INCOMPLETE) {
                    throw MalformedAttributeException.value("undefined ORIGIN value " + origin);
                }
                return new Origin(origin);
            },
            (origin, out, context) -> out.u8(origin.value));

    public Origin {
        if (value < IGP || value > INCOMPLETE) {
            throw new IllegalArgumentException("ORIGIN is 0, 1 or 2, not " + value);
        }
    }

    @Override
    public int typeCode() {
        return TYPE;
    }

    @Override
    public String toString() {
        return switch (value) {
            case IGP -> "IGP";
            case EGP -> "EGP";
            default -> "INCOMPLETE";
        };
    }
}
