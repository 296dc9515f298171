package io.smoketrace.ui.rest;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Pages for requests the console refuses. */
public final class ErrorPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance refused(String title, String message);
    }

    private ErrorPages() {
    }

    /** A state-changing request without its session's CSRF token. */
    public static Response csrfRefused() {
        return page(Response.Status.FORBIDDEN, "Refused: this form did not come from your console session",
                "The change was not made. The form may be from before a restart or a new login, or from another"
                        + " site. Reload the page and try again.");
    }

    /** A change by someone whose role does not allow it. */
    public static Response forbidden(String message) {
        return page(Response.Status.FORBIDDEN, "Not allowed", message);
    }

    static Response page(Response.Status status, String title, String message) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE)
                .entity(Templates.refused(title, message).render()).build();
    }
}
