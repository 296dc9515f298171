package io.smoketrace.ui.rest;

import io.micrometer.core.instrument.MeterRegistry;
import io.smoketrace.ui.security.ConsoleSession;
import io.smoketrace.ui.security.SessionAuthenticationMechanism;
import io.smoketrace.ui.security.SessionStore;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Set;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.WithFormRead;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;

/**
 * Refuses every state-changing request (POST, PUT, PATCH, DELETE) that does not carry its session's
 * CSRF token, either in the {@value #HEADER} header (htmx sends it on every request) or in the
 * {@value #FIELD} form field (every form has it hidden). The token is per session and never in a cookie,
 * so another site cannot submit a form on a logged-in engineer's behalf.
 */
public class CsrfFilter {

    /** The hidden form field carrying the token. */
    public static final String FIELD = "_csrf";
    /** The request header carrying the token. */
    public static final String HEADER = "X-CSRF-Token";

    private static final Logger LOG = Logger.getLogger(CsrfFilter.class);
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    private final MeterRegistry registry;

    public CsrfFilter(MeterRegistry registry) {
        this.registry = registry;
    }

    @ServerRequestFilter
    @WithFormRead
    public Response verify(ResteasyReactiveContainerRequestContext request, RoutingContext routing) {
        if (SAFE.contains(request.getMethod())) {
            return null;
        }
        ConsoleSession session = routing.get(SessionAuthenticationMechanism.SESSION_KEY);
        String token = request.getHeaderString(HEADER);
        if (token == null && isForm(request.getMediaType())) {
            Object field = ((ResteasyReactiveRequestContext) request.getServerRequestContext())
                    .getFormParameter(FIELD, true, false);
            token = field == null ? null : field.toString();
        }
        if (session != null && SessionStore.tokenMatches(session, token)) {
            return null;
        }
        String reason = session == null ? "no session" : token == null ? "no token" : "wrong token";
        LOG.warnf("refused %s %s from %s: CSRF check failed (%s)%s", request.getMethod(), routing.normalizedPath(),
                routing.request().remoteAddress(), reason,
                session != null && session.authenticated() ? ", user " + session.user() : "");
        registry.counter("smoketrace.ui.csrf.rejections").increment();
        return ErrorPages.csrfRefused();
    }

    private static boolean isForm(MediaType type) {
        return type != null && (MediaType.APPLICATION_FORM_URLENCODED_TYPE.isCompatible(type)
                || MediaType.MULTIPART_FORM_DATA_TYPE.isCompatible(type))
                && !type.isWildcardType() && !type.isWildcardSubtype();
    }
}
