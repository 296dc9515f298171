package io.smoketrace.ui.rest;

import io.quarkus.security.identity.SecurityIdentity;
import io.smoketrace.ui.Actor;
import io.smoketrace.ui.security.ConsoleSession;
import io.smoketrace.ui.security.Role;
import io.smoketrace.ui.security.SessionAuthenticationMechanism;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.RequestScoped;

/** The person behind the current request: identity, session and where they connect from. */
@RequestScoped
public class Visitor {

    private final SecurityIdentity identity;
    private final RoutingContext routing;

    public Visitor(SecurityIdentity identity, RoutingContext routing) {
        this.identity = identity;
        this.routing = routing;
    }

    /** The session, or null when the browser has none yet. */
    public ConsoleSession session() {
        return routing.get(SessionAuthenticationMechanism.SESSION_KEY);
    }

    public Role role() {
        if (identity.hasRole(Role.ADMIN_NAME)) {
            return Role.ADMIN;
        }
        return identity.hasRole(Role.OPERATOR_NAME) ? Role.OPERATOR : Role.VIEWER;
    }

    /** The page frame for a section. */
    public Chrome chrome(String section) {
        ConsoleSession session = session();
        String user = identity.isAnonymous() ? "" : identity.getPrincipal().getName();
        return new Chrome(user, identity.isAnonymous() ? "" : role().roleName(), identity.hasRole(Role.OPERATOR_NAME),
                identity.hasRole(Role.ADMIN_NAME), session == null ? "" : session.csrfToken(), section);
    }

    /** The visitor as the author of a change. */
    public Actor actor() {
        return new Actor(identity.getPrincipal().getName(), role(), remoteAddress());
    }

    public String remoteAddress() {
        return routing.request().remoteAddress() == null ? "" : routing.request().remoteAddress().hostAddress();
    }

    /** Whether the request came from htmx (a partial update). */
    public boolean htmx() {
        return routing.request().getHeader("HX-Request") != null;
    }
}
