package io.smoketrace.ui.rest;

import io.quarkus.security.ForbiddenException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Explains a refusal by role instead of an empty 403. */
public class ForbiddenMapper {

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return ErrorPages.forbidden("Your role does not allow this: changing targets, rules and silences needs the"
                + " operator role, the audit log the admin role. Ask an admin to change your role in the console's"
                + " configuration.");
    }
}
