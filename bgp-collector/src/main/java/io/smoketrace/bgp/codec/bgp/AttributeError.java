package io.smoketrace.bgp.codec.bgp;

/**
 * A problem found in one path attribute, with the RFC 7606 action it calls for and the NOTIFICATION
 * that RFC 4271 would send for it (sent only when the action is a session reset).
 */
public record AttributeError(int typeCode, ErrorAction action, NotificationMessage notification, String reason) {

    @Override
    public String toString() {
        return action + " attribute " + typeCode + " (" + notification.code() + "/" + notification.subcode() + "): " + reason;
    }
}
