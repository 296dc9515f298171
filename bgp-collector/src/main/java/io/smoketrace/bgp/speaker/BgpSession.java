package io.smoketrace.bgp.speaker;

import io.smoketrace.bgp.codec.IpAddresses;
import io.smoketrace.bgp.codec.bgp.AttributeError;
import io.smoketrace.bgp.codec.bgp.BgpDecodeException;
import io.smoketrace.bgp.codec.bgp.BgpMessage;
import io.smoketrace.bgp.codec.bgp.BgpMessageCodec;
import io.smoketrace.bgp.codec.bgp.BgpStreamDecoder;
import io.smoketrace.bgp.codec.bgp.DecodeContext;
import io.smoketrace.bgp.codec.bgp.ErrorAction;
import io.smoketrace.bgp.codec.bgp.KeepaliveMessage;
import io.smoketrace.bgp.codec.bgp.NotificationMessage;
import io.smoketrace.bgp.codec.bgp.OpenMessage;
import io.smoketrace.bgp.codec.bgp.RouteRefreshMessage;
import io.smoketrace.bgp.codec.bgp.UpdateMessage;
import io.smoketrace.bgp.codec.Octets;
import io.smoketrace.bgp.mapping.Notifications;
import io.smoketrace.common.bgp.PeerState.SessionState;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The RFC 4271 finite state machine of one TCP connection to a configured neighbour, from the moment
 * the connection is up: with DelayOpen first Connect (we opened it) or Active (the peer did) while the
 * DelayOpenTimer runs, then OpenSent, OpenConfirm, Established, and Idle once it is over. It sends our OPEN,
 * checks the peer's, runs the hold and keepalive timers, answers errors with the codec's NOTIFICATION,
 * and hands UPDATEs to its {@link BgpNeighbor}. It sends no routes. Every method runs on the
 * connection's thread.
 */
public final class BgpSession {

    private static final Logger LOG = Logger.getLogger(BgpSession.class);
    /** RFC 4271 8: the "large value" the hold timer is set to while waiting for the peer's OPEN. */
    static final Duration OPEN_HOLD_TIME = Duration.ofMinutes(4);

    /** FSM errors (RFC 6608): an unexpected message in each state. */
    private static final int FSM_UNEXPECTED_IN_OPEN_SENT = 1;
    private static final int FSM_UNEXPECTED_IN_OPEN_CONFIRM = 2;
    private static final int FSM_UNEXPECTED_IN_ESTABLISHED = 3;
    private static final int FSM_UNSPECIFIED = 0;

    private final BgpNeighbor neighbor;
    private final SessionTransport transport;
    private final SessionScheduler scheduler;
    private final boolean outgoing;
    private final BgpStreamDecoder decoder = new BgpStreamDecoder(DecodeContext.INITIAL);
    private SessionState state = SessionState.IDLE;
    private DecodeContext context = DecodeContext.INITIAL;
    private OpenMessage sentOpen;
    private OpenMessage receivedOpen;
    private int negotiatedHoldTime;
    private SessionScheduler.Timer holdTimer;
    private SessionScheduler.Timer keepaliveTimer;
    private SessionScheduler.Timer delayOpenTimer;
    /** Reading from the connection is paused (Kafka backpressure): the peer's silence means nothing. */
    private boolean readingPaused;
    private String closeReason;

    /**
     * @param outgoing whether we opened the connection (decides connection collisions, RFC 4271 6.8)
     */
    BgpSession(BgpNeighbor neighbor, SessionTransport transport, SessionScheduler scheduler, boolean outgoing) {
        this.neighbor = neighbor;
        this.transport = transport;
        this.scheduler = scheduler;
        this.outgoing = outgoing;
    }

    public SessionState state() {
        return state;
    }

    public boolean outgoing() {
        return outgoing;
    }

    /** The peer's OPEN, once received. */
    public Optional<OpenMessage> receivedOpen() {
        return Optional.ofNullable(receivedOpen);
    }

    public int negotiatedHoldTime() {
        return negotiatedHoldTime;
    }

    /** Why the session ended, once it has. */
    public String closeReason() {
        return closeReason;
    }

    /**
     * The TCP connection is up (Event 16/17): send our OPEN and wait for theirs, or with DelayOpen wait up
     * to DelayOpenTime for theirs first.
     */
    public void connected() {
        int delayOpen = neighbor.settings().delayOpenTime();
        if (delayOpen > 0) {
            moveTo(outgoing ? SessionState.CONNECT : SessionState.ACTIVE);
            delayOpenTimer = scheduler.schedule(Duration.ofSeconds(delayOpen), this::delayOpenExpired);
            return;
        }
        sendOpen();
    }

    private void sendOpen() {
        sentOpen = neighbor.settings().open();
        send(sentOpen);
        moveTo(SessionState.OPEN_SENT);
        restartHoldTimer(OPEN_HOLD_TIME);
    }

    /** Event 12: no OPEN from the peer within DelayOpenTime; send ours. */
    private void delayOpenExpired() {
        delayOpenTimer = null;
        if (state == SessionState.CONNECT || state == SessionState.ACTIVE) {
            sendOpen();
        }
    }

    /**
     * Reading from the connection stops (Kafka cannot take records): the hold timer is suspended, since
     * the peer's KEEPALIVEs wait unread in the socket; ours keep going out, so the peer keeps the session.
     */
    public void pauseReading() {
        readingPaused = true;
        if (holdTimer != null) {
            holdTimer.cancel();
            holdTimer = null;
        }
    }

    /** Reading goes on: the hold timer starts again from its full value. */
    public void resumeReading() {
        readingPaused = false;
        switch (state) {
            case OPEN_SENT -> restartHoldTimer(OPEN_HOLD_TIME);
            case OPEN_CONFIRM, ESTABLISHED -> restartHoldTimer();
            default -> { }
        }
    }

    public boolean readingPaused() {
        return readingPaused;
    }

    /** Octets from the connection, in whatever chunks TCP delivers. */
    public void received(ByteBuffer chunk) {
        if (state == SessionState.IDLE) {
            return;
        }
        decoder.feed(chunk);
        while (state != SessionState.IDLE) {
            Optional<BgpMessage> message;
            try {
                message = decoder.next();
            } catch (BgpDecodeException malformed) {
                fail(malformed.notification(), "malformed message: " + malformed.getMessage());
                return;
            }
            if (message.isEmpty()) {
                return;
            }
            handle(message.get());
        }
    }

    /** The TCP connection closed under us (Event 18). */
    public void connectionClosed() {
        close("connection closed by the peer");
    }

    /** Ends the session with a NOTIFICATION (ManualStop, collision resolution, shutdown). */
    public void stop(NotificationMessage notification, String reason) {
        if (state != SessionState.IDLE) {
            send(notification);
            close(reason);
        }
    }

    private void handle(BgpMessage message) {
        switch (state) {
            case CONNECT, ACTIVE -> {
                // The DelayOpenTimer runs (RFC 4271 8.2.2, Events 20 and 24).
                switch (message) {
                    case OpenMessage open -> {
                        delayOpenTimer.cancel();
                        delayOpenTimer = null;
                        sentOpen = neighbor.settings().open();
                        openReceived(open, true);
                    }
                    case NotificationMessage notification -> notified(notification);
                    default -> unexpected(message, FSM_UNSPECIFIED);
                }
            }
            case OPEN_SENT -> {
                switch (message) {
                    case OpenMessage open -> openReceived(open, false);
                    case NotificationMessage notification -> notified(notification);
                    default -> unexpected(message, FSM_UNEXPECTED_IN_OPEN_SENT);
                }
            }
            case OPEN_CONFIRM -> {
                switch (message) {
                    case KeepaliveMessage keepalive -> {
                        restartHoldTimer();
                        moveTo(SessionState.ESTABLISHED);
                        neighbor.established(this);
                    }
                    case NotificationMessage notification -> notified(notification);
                    default -> unexpected(message, FSM_UNEXPECTED_IN_OPEN_CONFIRM);
                }
            }
            case ESTABLISHED -> {
                switch (message) {
                    case UpdateMessage update -> updateReceived(update);
                    case KeepaliveMessage keepalive -> restartHoldTimer();
                    case RouteRefreshMessage refresh -> restartHoldTimer(); // we advertise nothing to refresh
                    case NotificationMessage notification -> notified(notification);
                    case OpenMessage open -> unexpected(message, FSM_UNEXPECTED_IN_ESTABLISHED);
                }
            }
            default -> { }
        }
    }

    /** @param delayed the DelayOpenTimer was running: our OPEN goes out now, after theirs is accepted */
    private void openReceived(OpenMessage open, boolean delayed) {
        NeighborSettings settings = neighbor.settings();
        if (open.asNumber() != settings.remoteAs()) {
            fail(new NotificationMessage(NotificationMessage.OPEN_MESSAGE_ERROR, NotificationMessage.OpenError.BAD_PEER_AS,
                            Octets.copyOf(new byte[] {(byte) (open.myAs() >> 8), (byte) open.myAs()})),
                    "the peer says it is AS" + open.asNumber() + ", configured AS" + settings.remoteAs());
            return;
        }
        if (open.bgpIdentifier().isAnyLocalAddress()
                || (settings.remoteAs() == settings.localAs() && open.bgpIdentifier().equals(settings.routerId()))) {
            fail(new NotificationMessage(NotificationMessage.OPEN_MESSAGE_ERROR,
                    NotificationMessage.OpenError.BAD_BGP_IDENTIFIER, Octets.EMPTY),
                    "unacceptable BGP identifier " + IpAddresses.format(open.bgpIdentifier()));
            return;
        }
        receivedOpen = open;
        negotiatedHoldTime = Math.min(settings.holdTime(), open.holdTime());
        context = DecodeContext.negotiated(sentOpen, open);
        decoder.negotiated(context);
        if (!neighbor.resolveCollision(this)) {
            return;
        }
        if (delayed) {
            send(sentOpen);
        }
        send(KeepaliveMessage.INSTANCE);
        moveTo(SessionState.OPEN_CONFIRM);
        if (negotiatedHoldTime == 0) {
            cancelTimers();
        } else {
            restartHoldTimer();
            scheduleKeepalive();
        }
    }

    private void updateReceived(UpdateMessage update) {
        restartHoldTimer();
        if (update.errorAction().orElse(null) == ErrorAction.SESSION_RESET) {
            AttributeError error = update.pathAttributes().errors().stream()
                    .filter(e -> e.action() == ErrorAction.SESSION_RESET).findFirst().orElseThrow();
            neighbor.sessionResetError();
            fail(error.notification(), "UPDATE error: " + error);
            return;
        }
        update.endOfRib().ifPresentOrElse(neighbor::endOfRib, () -> neighbor.update(update));
    }

    private void notified(NotificationMessage notification) {
        close("NOTIFICATION received: " + Notifications.describe(notification));
    }

    private void unexpected(BgpMessage message, int subcode) {
        fail(new NotificationMessage(NotificationMessage.FSM_ERROR, subcode, Octets.EMPTY),
                "unexpected " + message.getClass().getSimpleName() + " in " + state);
    }

    /** A local error: tell the peer with the NOTIFICATION and drop the connection. */
    private void fail(NotificationMessage notification, String reason) {
        LOG.warnf("BGP %s: %s; sending NOTIFICATION %s", neighbor.settings().addressText(), reason,
                Notifications.describe(notification));
        send(notification);
        close(reason + " (NOTIFICATION sent: " + Notifications.describe(notification) + ")");
    }

    private void close(String reason) {
        if (state == SessionState.IDLE && closeReason != null) {
            return;
        }
        cancelTimers();
        closeReason = reason;
        SessionState was = state;
        moveTo(SessionState.IDLE);
        transport.close();
        neighbor.closed(this, was, reason);
    }

    private void holdTimerExpired() {
        holdTimer = null;
        if (state != SessionState.IDLE) {
            fail(new NotificationMessage(NotificationMessage.HOLD_TIMER_EXPIRED, 0, Octets.EMPTY), "hold timer expired");
        }
    }

    private void keepaliveTimerExpired() {
        if (state == SessionState.OPEN_CONFIRM || state == SessionState.ESTABLISHED) {
            send(KeepaliveMessage.INSTANCE);
            scheduleKeepalive();
        }
    }

    private void scheduleKeepalive() {
        keepaliveTimer = scheduler.schedule(Duration.ofMillis(negotiatedHoldTime * 1000L / 3), this::keepaliveTimerExpired);
    }

    private void restartHoldTimer() {
        if (negotiatedHoldTime > 0) {
            restartHoldTimer(Duration.ofSeconds(negotiatedHoldTime));
        }
    }

    private void restartHoldTimer(Duration holdTime) {
        if (holdTimer != null) {
            holdTimer.cancel();
            holdTimer = null;
        }
        if (readingPaused) {
            return;
        }
        holdTimer = scheduler.schedule(holdTime, this::holdTimerExpired);
    }

    private void cancelTimers() {
        if (holdTimer != null) {
            holdTimer.cancel();
            holdTimer = null;
        }
        if (keepaliveTimer != null) {
            keepaliveTimer.cancel();
            keepaliveTimer = null;
        }
        if (delayOpenTimer != null) {
            delayOpenTimer.cancel();
            delayOpenTimer = null;
        }
    }

    private void send(BgpMessage message) {
        transport.send(BgpMessageCodec.encode(message, context));
    }

    private void moveTo(SessionState next) {
        SessionState previous = state;
        state = next;
        neighbor.stateChanged(this, previous, next);
    }
}
