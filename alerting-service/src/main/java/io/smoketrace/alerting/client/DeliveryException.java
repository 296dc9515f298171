package io.smoketrace.alerting.client;

/** A failed delivery attempt; {@link #permanent()} when trying again cannot help (the receiver refused the request). */
public class DeliveryException extends Exception {

    private final boolean permanent;

    public DeliveryException(String message, boolean permanent, Throwable cause) {
        super(message, cause);
        this.permanent = permanent;
    }

    public DeliveryException(String message, boolean permanent) {
        this(message, permanent, null);
    }

    public boolean permanent() {
        return permanent;
    }
}
