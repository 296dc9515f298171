package io.smoketrace.bgp.codec.bmp;

import io.smoketrace.bgp.codec.Octets;
import io.smoketrace.bgp.codec.bgp.DecodeContext;
import io.smoketrace.bgp.codec.bgp.NotificationMessage;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * Peer Down Notification: a monitored session went down, why, and the NOTIFICATION if one was sent or received.
 *
 * @param notification the NOTIFICATION, for reasons 1 and 3
 * @param data         what follows the reason for other reasons: the FSM event code (2) or TLVs (6), as octets
 */
public record PeerDownNotification(PeerHeader peer, int reason, Optional<NotificationMessage> notification, Octets data)
        implements BmpMessage {

    public static final int TYPE = 2;

    /** The local system closed the session and sent this NOTIFICATION. */
    public static final int LOCAL_NOTIFICATION = 1;
    /** The local system closed the session without a NOTIFICATION; an FSM event code follows. */
    public static final int LOCAL_NO_NOTIFICATION = 2;
    /** The remote system closed the session with this NOTIFICATION. */
    public static final int REMOTE_NOTIFICATION = 3;
    /** The remote system closed the session without a NOTIFICATION. */
    public static final int REMOTE_NO_NOTIFICATION = 4;
    /** The peer was de-configured; no data. */
    public static final int PEER_DE_CONFIGURED = 5;
    /** RFC 9069: the local system closed, information TLVs follow (Loc-RIB). */
    public static final int LOCAL_SYSTEM_CLOSED = 6;

    static final BmpMessageCodec<PeerDownNotification> CODEC = new BmpMessageCodec<>(TYPE,
            (body, peers) -> {
                PeerHeader peer = PeerHeader.decode(body);
                int reason = body.u8();
                if (reason == LOCAL_NOTIFICATION || reason == REMOTE_NOTIFICATION) {
                    NotificationMessage notification = BgpPdus.read(body, DecodeContext.INITIAL, NotificationMessage.class);
                    return new PeerDownNotification(peer, reason, Optional.of(notification), body.rest());
                }
                return new PeerDownNotification(peer, reason, Optional.empty(), body.rest());
            },
            (message, out) -> {
                message.peer.encode(out);
                out.u8(message.reason);
                message.notification.ifPresent(notification -> BgpPdus.write(notification, DecodeContext.INITIAL, out));
                out.octets(message.data);
            });

    @Override
    public int type() {
        return TYPE;
    }

    /** The FSM event that made the local system close the session (reason 2). */
    public OptionalInt fsmEventCode() {
        if (reason != LOCAL_NO_NOTIFICATION || data.length() != 2) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(data.get(0) << 8 | data.get(1));
    }
}
