package io.smoketrace.bgp.codec.bgp;

/**
 * KEEPALIVE: a header and nothing else, sent to keep the hold timer from expiring.
 */
public record KeepaliveMessage() implements BgpMessage {

    public static final int TYPE = 4;
    public static final KeepaliveMessage INSTANCE = new KeepaliveMessage();

    static final MessageBodyCodec<KeepaliveMessage> CODEC = new MessageBodyCodec<>(TYPE, 0, 0,
            (body, context) -> INSTANCE,
            (message, out, context) -> { });

    @Override
    public int type() {
        return TYPE;
    }
}
