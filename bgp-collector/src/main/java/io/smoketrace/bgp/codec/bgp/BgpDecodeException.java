package io.smoketrace.bgp.codec.bgp;

import io.smoketrace.bgp.codec.CodecException;
import io.smoketrace.bgp.codec.Octets;

import java.util.Optional;

/**
 * A BGP message that cannot be decoded, carrying the NOTIFICATION the receiving speaker must send.
 */
public final class BgpDecodeException extends CodecException {

    private final NotificationMessage notification;
    private final BgpMessage partial;

    public BgpDecodeException(int code, int subcode, Octets data, String reason) {
        super(reason + " (NOTIFICATION " + code + "/" + subcode + ")");
        this.notification = new NotificationMessage(code, subcode, data);
        this.partial = null;
    }

    private BgpDecodeException(BgpDecodeException cause, BgpMessage partial) {
        super(cause.getMessage(), cause);
        this.notification = cause.notification;
        this.partial = partial;
    }

    /** The same error, carrying what could be decoded around it. */
    BgpDecodeException withPartial(BgpMessage decodedPart) {
        return new BgpDecodeException(this, decodedPart);
    }

    /**
     * What could still be decoded: for an UPDATE whose withdrawn or NLRI field breaks off, the routes
     * before the break and the attributes. A live session resets anyway; archive readers such as
     * bgpdump print the part.
     */
    public Optional<BgpMessage> partial() {
        return Optional.ofNullable(partial);
    }

    public BgpDecodeException(int code, int subcode, String reason) {
        this(code, subcode, Octets.EMPTY, reason);
    }

    public NotificationMessage notification() {
        return notification;
    }

    public int code() {
        return notification.code();
    }

    public int subcode() {
        return notification.subcode();
    }
}
