package io.smoketrace.ui.rest;

import io.micrometer.core.instrument.MeterRegistry;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import java.io.IOException;
import java.util.Base64;
import io.quarkus.oidc.OidcConfigurationMetadata;
import io.quarkus.oidc.OidcSession;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smoketrace.ui.config.UiConfig;
import io.smoketrace.ui.security.ConsoleSession;
import io.smoketrace.ui.security.OidcRoles;
import io.smoketrace.ui.security.Role;
import io.smoketrace.ui.security.SessionStore;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

/**
 * Single sign-on. {@code GET /login/oidc} is guarded by Quarkus' OIDC authorization code flow only
 * ({@code quarkus.http.auth.permission.oidc-login} in application.properties): a browser without an
 * OIDC session is sent to the provider, and comes back here signed in. The user then becomes a console
 * user: a new console session with the role mapped from their groups, and Quarkus' own OIDC session
 * cookie is dropped at once, so the console session is the only one (idle timeout, logout and CSRF work
 * as for local users). The ID token is kept only to end the provider's session on logout.
 */
@Path("/login/oidc")
@Produces(MediaType.TEXT_HTML)
public class OidcLoginResource {

    private static final Logger LOG = Logger.getLogger(OidcLoginResource.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    @CheckedTemplate
    static class Templates {
        /** A user the provider vouched for, in no mapped group: with a way to sign out there and try another. */
        static native TemplateInstance noRole(String name, String provider, String groups, String logoutUrl);
    }

    private final UiConfig config;
    private final OidcRoles roles;
    private final SessionStore sessions;
    private final RoutingContext routing;
    private final SecurityIdentity identity;
    private final Instance<OidcSession> oidcSession;
    private final Instance<OidcConfigurationMetadata> metadata;
    private final MeterRegistry registry;
    private final String clientId;

    public OidcLoginResource(UiConfig config, OidcRoles roles, SessionStore sessions, RoutingContext routing,
                             SecurityIdentity identity,
                             Instance<OidcSession> oidcSession, Instance<OidcConfigurationMetadata> metadata,
                             MeterRegistry registry, @ConfigProperty(name = "quarkus.oidc.client-id") Optional<String> clientId) {
        this.config = config;
        this.roles = roles;
        this.sessions = sessions;
        this.routing = routing;
        this.identity = identity;
        this.oidcSession = oidcSession;
        this.metadata = metadata;
        this.registry = registry;
        this.clientId = clientId.orElse("");
    }

    @GET
    public Response signedIn() {
        if (!config.oidc().enabled()) {
            return ErrorPages.page(Response.Status.NOT_FOUND, "Single sign-on is off",
                    "This console has no identity provider configured (smoketrace.ui.oidc.enabled=false).");
        }
        JsonWebToken id = oidcSession.get().getIdToken();
        String name = nameOf(id);
        List<String> groups = groupsOf(id);
        AccessTokenCredential access = identity.getCredential(AccessTokenCredential.class);
        if (groups.isEmpty() && access != null) {
            groups = OidcRoles.groupsIn(jwtClaims(access.getToken()), roles.claim());
        }
        String remote = routing.request().remoteAddress() == null ? "" : routing.request().remoteAddress().hostAddress();
        String rawIdToken = id.getRawToken();
        // Quarkus' OIDC session cookie is not kept: the console's session takes over from here.
        oidcSession.get().logout().await().indefinitely();
        Optional<Role> role = roles.roleOf(groups);
        if (role.isEmpty()) {
            LOG.warnf("%s signed in at %s from %s but is in no group mapped to a console role (claim '%s': %s);"
                    + " refused, see smoketrace.ui.oidc.role-mapping", name, config.oidc().providerName(), remote,
                    roles.claim(), groups);
            registry.counter("smoketrace.ui.logins", "outcome", "failure").increment();
            String logout = logoutUrl(rawIdToken);
            return Response.status(Response.Status.FORBIDDEN).type(MediaType.TEXT_HTML_TYPE)
                    .entity(Templates.noRole(name, config.oidc().providerName(), String.join(", ", groups),
                            logout == null ? "" : logout).render())
                    .build();
        }
        Cookie previous = routing.request().getCookie(SessionStore.COOKIE);
        ConsoleSession session = sessions.login(previous == null ? null : previous.getValue(), name,
                new ConsoleSession.SingleSignOn(role.get(), logoutUrl(rawIdToken)));
        LOG.infof("%s signed in through %s as %s from %s (groups %s)", name, config.oidc().providerName(),
                role.get().roleName(), remote, groups);
        registry.counter("smoketrace.ui.logins", "outcome", "success").increment();
        return Response.seeOther(URI.create("/")).cookie(new NewCookie.Builder(SessionStore.COOKIE).value(session.id())
                .path("/").httpOnly(true).secure(config.session().secureCookie()).sameSite(NewCookie.SameSite.LAX).build())
                .build();
    }

    /** The provider's end-session URL with this sign-in's ID token, back to the login page after; null if none. */
    private String logoutUrl(String rawIdToken) {
        String endSession = metadata.get().getEndSessionUri();
        if (endSession == null || endSession.isBlank()) {
            return null;
        }
        String back = routing.request().scheme() + "://" + routing.request().authority() + "/login";
        return endSession + (endSession.contains("?") ? "&" : "?")
                + "id_token_hint=" + URLEncoder.encode(rawIdToken, StandardCharsets.UTF_8)
                + "&client_id=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8)
                + "&post_logout_redirect_uri=" + URLEncoder.encode(back, StandardCharsets.UTF_8);
    }

    private String nameOf(JsonWebToken token) {
        for (String claim : config.oidc().nameClaims()) {
            Object value = token.getClaim(claim.trim());
            if (value != null && !value.toString().isBlank()) {
                String text = value.toString().trim();
                return text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")
                        ? text.substring(1, text.length() - 1) : text;
            }
        }
        return token.getSubject();
    }

    /** The claims of a JWT access token (already verified by Quarkus); empty when it is not a JWT. */
    private static Map<String, Object> jwtClaims(String token) {
        String[] parts = token == null ? new String[0] : token.split("\\.");
        if (parts.length != 3) {
            return Map.of();
        }
        try {
            return JSON.readValue(Base64.getUrlDecoder().decode(parts[1]), new TypeReference<Map<String, Object>>() { });
        } catch (IOException | IllegalArgumentException e) {
            return Map.of();
        }
    }

    private List<String> groupsOf(JsonWebToken token) {
        if (token == null || token.getRawToken() == null) {
            return List.of();
        }
        String path = roles.claim();
        String top = path.split("/")[0];
        Object value = token.getClaim(top);
        if (value == null) {
            return List.of();
        }
        Map<String, Object> claims = new HashMap<>();
        claims.put(top, value);
        return OidcRoles.groupsIn(claims, path);
    }
}
