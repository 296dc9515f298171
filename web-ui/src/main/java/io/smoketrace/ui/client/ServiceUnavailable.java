package io.smoketrace.ui.client;

/** Another SmokeTrace service did not answer, or answered with an error the console cannot act on. */
public class ServiceUnavailable extends RuntimeException {

    private final String service;

    public ServiceUnavailable(String service, String message, Throwable cause) {
        super(service + " " + message, cause);
        this.service = service;
    }

    /** The service that failed, e.g. {@code path-analyzer}. */
    public String service() {
        return service;
    }
}
