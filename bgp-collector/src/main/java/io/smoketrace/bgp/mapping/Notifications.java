package io.smoketrace.bgp.mapping;

import io.smoketrace.bgp.codec.bgp.NotificationMessage;
import java.util.Map;

/** NOTIFICATION codes and subcodes in the words of RFC 4271 and its updates, for logs and peer state. */
public final class Notifications {

    private static final Map<Integer, String> CODES = Map.of(
            NotificationMessage.MESSAGE_HEADER_ERROR, "message header error",
            NotificationMessage.OPEN_MESSAGE_ERROR, "OPEN message error",
            NotificationMessage.UPDATE_MESSAGE_ERROR, "UPDATE message error",
            NotificationMessage.HOLD_TIMER_EXPIRED, "hold timer expired",
            NotificationMessage.FSM_ERROR, "finite state machine error",
            NotificationMessage.CEASE, "cease",
            NotificationMessage.ROUTE_REFRESH_MESSAGE_ERROR, "ROUTE-REFRESH message error");

    private static final Map<Integer, Map<Integer, String>> SUBCODES = Map.of(
            NotificationMessage.MESSAGE_HEADER_ERROR, Map.of(1, "connection not synchronized", 2, "bad message length",
                    3, "bad message type"),
            NotificationMessage.OPEN_MESSAGE_ERROR, Map.of(1, "unsupported version number", 2, "bad peer AS",
                    3, "bad BGP identifier", 4, "unsupported optional parameter", 6, "unacceptable hold time",
                    7, "unsupported capability", 11, "role mismatch"),
            NotificationMessage.UPDATE_MESSAGE_ERROR, Map.of(1, "malformed attribute list",
                    2, "unrecognized well-known attribute", 3, "missing well-known attribute", 4, "attribute flags error",
                    5, "attribute length error", 6, "invalid ORIGIN attribute", 8, "invalid NEXT_HOP attribute",
                    9, "optional attribute error", 10, "invalid network field", 11, "malformed AS_PATH"),
            NotificationMessage.FSM_ERROR, Map.of(1, "unexpected message in OpenSent", 2, "unexpected message in OpenConfirm",
                    3, "unexpected message in Established"),
            NotificationMessage.CEASE, Map.ofEntries(Map.entry(1, "maximum number of prefixes reached"),
                    Map.entry(2, "administrative shutdown"), Map.entry(3, "peer de-configured"),
                    Map.entry(4, "administrative reset"), Map.entry(5, "connection rejected"),
                    Map.entry(6, "other configuration change"), Map.entry(7, "connection collision resolution"),
                    Map.entry(8, "out of resources"), Map.entry(9, "hard reset"), Map.entry(10, "BFD down")));

    private Notifications() {
    }

    /** For example {@code cease / administrative shutdown: "maintenance"} or {@code OPEN message error / bad peer AS}. */
    public static String describe(NotificationMessage notification) {
        String code = CODES.getOrDefault(notification.code(), "error code " + notification.code());
        String subcode = SUBCODES.getOrDefault(notification.code(), Map.of()).get(notification.subcode());
        StringBuilder text = new StringBuilder(code);
        if (subcode != null) {
            text.append(" / ").append(subcode);
        } else if (notification.subcode() != 0) {
            text.append(" / subcode ").append(notification.subcode());
        }
        notification.shutdownCommunication().ifPresent(message -> text.append(": \"").append(message).append('"'));
        notification.hardResetCause().ifPresent(cause -> text.append(" (").append(describe(cause)).append(')'));
        return text.toString();
    }
}
