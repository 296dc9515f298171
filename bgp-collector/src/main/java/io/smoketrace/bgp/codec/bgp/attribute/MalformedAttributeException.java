package io.smoketrace.bgp.codec.bgp.attribute;

import io.smoketrace.bgp.codec.CodecException;
import io.smoketrace.bgp.codec.bgp.NotificationMessage;

import java.util.OptionalInt;

/**
 * An attribute value that breaks its RFC; the attribute list decoder turns it into an RFC 7606 outcome.
 */
final class MalformedAttributeException extends CodecException {

    private final OptionalInt subcode;

    private MalformedAttributeException(String reason, OptionalInt subcode) {
        super(reason);
        this.subcode = subcode;
    }

    /** A value that is wrong for the attribute; reported with the attribute's own error subcode. */
    static MalformedAttributeException value(String reason) {
        return new MalformedAttributeException(reason, OptionalInt.empty());
    }

    /** A length that conflicts with the attribute's definition (Attribute Length Error). */
    static MalformedAttributeException length(String reason) {
        return new MalformedAttributeException(reason,
                OptionalInt.of(NotificationMessage.UpdateError.ATTRIBUTE_LENGTH_ERROR));
    }

    OptionalInt subcode() {
        return subcode;
    }
}
