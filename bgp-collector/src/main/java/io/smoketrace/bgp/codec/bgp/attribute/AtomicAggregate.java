package io.smoketrace.bgp.codec.bgp.attribute;

import io.smoketrace.bgp.codec.bgp.ErrorAction;
import io.smoketrace.bgp.codec.bgp.NotificationMessage;

/**
 * ATOMIC_AGGREGATE: a less specific route was chosen over more specific ones; it has no value.
 */
public record AtomicAggregate() implements PathAttribute {

    public static final int TYPE = 6;
    public static final AtomicAggregate INSTANCE = new AtomicAggregate();

    static final AttributeCodec<AtomicAggregate> CODEC = new AttributeCodec<>(TYPE, "ATOMIC_AGGREGATE", WELL_KNOWN,
            ErrorAction.ATTRIBUTE_DISCARD, NotificationMessage.UpdateError.ATTRIBUTE_LENGTH_ERROR,
            (value, context) -> {
                AttributeCodec.expectLength(value, 0, "ATOMIC_AGGREGATE");
                return INSTANCE;
            },
            (atomicAggregate, out, context) -> { });

    @Override
    public int typeCode() {
        return TYPE;
    }
}
