package io.smoketrace.analyzer.rest;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The JSON body of a refused request: the HTTP status and what was wrong, in words.
 *
 * @param status the HTTP status
 * @param message what was wrong and, where it helps, how to ask instead
 */
public record ApiError(int status, String message) {

    /** 404 with the message. */
    public static WebApplicationException notFound(String message) {
        return of(Response.Status.NOT_FOUND, message);
    }

    /** 400 with the message. */
    public static WebApplicationException badRequest(String message) {
        return of(Response.Status.BAD_REQUEST, message);
    }

    private static WebApplicationException of(Response.Status status, String message) {
        return new WebApplicationException(message, Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(new ApiError(status.getStatusCode(), message)).build());
    }
}
