package io.smoketrace.ui.security;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.TrustedAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

/**
 * Authenticates a request by its session cookie. Unauthenticated browsers are sent to the login
 * page (htmx requests get {@code HX-Redirect}, so a partial update does not render the login page
 * inside a table).
 */
@ApplicationScoped
public class SessionAuthenticationMechanism implements HttpAuthenticationMechanism {

    /** The routing-context key under which the request's session is kept. */
    public static final String SESSION_KEY = "smoketrace.session";

    private final SessionStore sessions;

    public SessionAuthenticationMechanism(SessionStore sessions) {
        this.sessions = sessions;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        Cookie cookie = context.request().getCookie(SessionStore.COOKIE);
        ConsoleSession session = sessions.use(cookie == null ? null : cookie.getValue()).orElse(null);
        if (session == null) {
            return Uni.createFrom().optional(Optional.empty());
        }
        context.put(SESSION_KEY, session);
        if (!session.authenticated()) {
            return Uni.createFrom().optional(Optional.empty());
        }
        if (session.signOn() != null) {
            // Signed in through the identity provider: the role was mapped from its groups at sign-in.
            return Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                    .setPrincipal(new QuarkusPrincipal(session.user()))
                    .addRoles(session.signOn().role().granted())
                    .build());
        }
        return identityProviderManager.authenticate(new TrustedAuthenticationRequest(session.user()));
    }

    /**
     * Ahead of the OIDC mechanism (when it is on), so a browser without a session is sent to the
     * console's login page, which offers single sign-on, rather than straight to the provider.
     */
    @Override
    public int getPriority() {
        return DEFAULT_PRIORITY + 100;
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        String uri = context.request().uri();
        String login = "/login" + ("/".equals(uri) || uri.startsWith("/login") ? ""
                : "?next=" + URLEncoder.encode(uri, StandardCharsets.UTF_8));
        if (context.request().getHeader("HX-Request") != null) {
            return Uni.createFrom().item(new ChallengeData(401, "HX-Redirect", login));
        }
        return Uni.createFrom().item(new ChallengeData(303, "Location", login));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(TrustedAuthenticationRequest.class);
    }
}
