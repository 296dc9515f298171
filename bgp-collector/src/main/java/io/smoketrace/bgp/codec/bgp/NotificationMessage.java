package io.smoketrace.bgp.codec.bgp;

import io.smoketrace.bgp.codec.Octets;
import io.smoketrace.bgp.codec.WireReader;
import io.smoketrace.bgp.codec.WireUnderflowException;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * NOTIFICATION: the error code, subcode and data a speaker sends just before it closes the session.
 */
public record NotificationMessage(int code, int subcode, Octets data) implements BgpMessage {

    public static final int TYPE = 3;

    public static final int MESSAGE_HEADER_ERROR = 1;
    public static final int OPEN_MESSAGE_ERROR = 2;
    public static final int UPDATE_MESSAGE_ERROR = 3;
    public static final int HOLD_TIMER_EXPIRED = 4;
    public static final int FSM_ERROR = 5;
    public static final int CEASE = 6;
    public static final int ROUTE_REFRESH_MESSAGE_ERROR = 7;

    /** Subcodes of Message Header Error. */
    public static final class HeaderError {
        public static final int CONNECTION_NOT_SYNCHRONIZED = 1;
        public static final int BAD_MESSAGE_LENGTH = 2;
        public static final int BAD_MESSAGE_TYPE = 3;

        private HeaderError() {
        }
    }

    /** Subcodes of OPEN Message Error. */
    public static final class OpenError {
        public static final int UNSPECIFIC = 0;
        public static final int UNSUPPORTED_VERSION_NUMBER = 1;
        public static final int BAD_PEER_AS = 2;
        public static final int BAD_BGP_IDENTIFIER = 3;
        public static final int UNSUPPORTED_OPTIONAL_PARAMETER = 4;
        public static final int UNACCEPTABLE_HOLD_TIME = 6;
        public static final int UNSUPPORTED_CAPABILITY = 7;

        private OpenError() {
        }
    }

    /** Subcodes of UPDATE Message Error. */
    public static final class UpdateError {
        public static final int MALFORMED_ATTRIBUTE_LIST = 1;
        public static final int UNRECOGNIZED_WELL_KNOWN_ATTRIBUTE = 2;
        public static final int MISSING_WELL_KNOWN_ATTRIBUTE = 3;
        public static final int ATTRIBUTE_FLAGS_ERROR = 4;
        public static final int ATTRIBUTE_LENGTH_ERROR = 5;
        public static final int INVALID_ORIGIN_ATTRIBUTE = 6;
        public static final int INVALID_NEXT_HOP_ATTRIBUTE = 8;
        public static final int OPTIONAL_ATTRIBUTE_ERROR = 9;
        public static final int INVALID_NETWORK_FIELD = 10;
        public static final int MALFORMED_AS_PATH = 11;

        private UpdateError() {
        }
    }

    /** Subcodes of Cease (RFC 4486, RFC 8538). */
    public static final class CeaseReason {
        public static final int MAXIMUM_PREFIXES_REACHED = 1;
        public static final int ADMINISTRATIVE_SHUTDOWN = 2;
        public static final int PEER_DE_CONFIGURED = 3;
        public static final int ADMINISTRATIVE_RESET = 4;
        public static final int CONNECTION_REJECTED = 5;
        public static final int OTHER_CONFIGURATION_CHANGE = 6;
        public static final int CONNECTION_COLLISION_RESOLUTION = 7;
        public static final int OUT_OF_RESOURCES = 8;
        public static final int HARD_RESET = 9;
        public static final int BFD_DOWN = 10;

        private CeaseReason() {
        }
    }

    /** Subcodes of ROUTE-REFRESH Message Error (RFC 7313). */
    public static final class RouteRefreshError {
        public static final int INVALID_MESSAGE_LENGTH = 1;

        private RouteRefreshError() {
        }
    }

    static final MessageBodyCodec<NotificationMessage> CODEC = new MessageBodyCodec<>(TYPE, 2, MessageBodyCodec.UNBOUNDED,
            (body, context) -> new NotificationMessage(body.u8(), body.u8(), body.rest()),
            (message, out, context) -> out.u8(message.code).u8(message.subcode).octets(message.data));

    public NotificationMessage {
        if (code < 0 || code > 255 || subcode < 0 || subcode > 255) {
            throw new IllegalArgumentException("code and subcode are single octets: " + code + "/" + subcode);
        }
    }

    @Override
    public int type() {
        return TYPE;
    }

    /**
     * The operator's message in an Administrative Shutdown or Reset (RFC 9003): a length octet and that
     * many octets of UTF-8. Empty when there is none, or when it is malformed, which RFC 9003 says to
     * log but not to treat as a protocol error.
     */
    public Optional<String> shutdownCommunication() {
        if (code != CEASE
                || (subcode != CeaseReason.ADMINISTRATIVE_SHUTDOWN && subcode != CeaseReason.ADMINISTRATIVE_RESET)
                || data.isEmpty()) {
            return Optional.empty();
        }
        int length = data.get(0);
        if (length == 0 || length > data.length() - 1) {
            return Optional.empty();
        }
        byte[] octets = data.toByteArray();
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(octets, 1, length))
                    .toString());
        } catch (CharacterCodingException malformed) {
            return Optional.empty();
        }
    }

    /** The NOTIFICATION wrapped in a Hard Reset (RFC 8538): the error that really ended the session. */
    public Optional<NotificationMessage> hardResetCause() {
        if (code != CEASE || subcode != CeaseReason.HARD_RESET || data.length() < 2) {
            return Optional.empty();
        }
        try {
            WireReader reader = data.reader();
            return Optional.of(new NotificationMessage(reader.u8(), reader.u8(), reader.rest()));
        } catch (WireUnderflowException impossible) {
            return Optional.empty();
        }
    }
}
