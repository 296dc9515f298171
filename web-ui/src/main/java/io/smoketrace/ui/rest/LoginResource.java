package io.smoketrace.ui.rest;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.credential.PasswordCredential;
import io.smoketrace.ui.config.UiConfig;
import io.smoketrace.ui.security.ConsoleSession;
import io.smoketrace.ui.security.SessionStore;
import io.smoketrace.ui.security.UserDirectory;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.jboss.logging.Logger;

/** Logging in and out. A login always starts a new session; logging out forgets it. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class LoginResource {

    private static final Logger LOG = Logger.getLogger(LoginResource.class);

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance login(String csrf, String next, String user, String error, boolean noUsers, boolean localLogin,
                                             String singleSignOn);

        static native TemplateInstance leaving(String provider, String url);
    }

    private final SessionStore sessions;
    private final UserDirectory users;
    private final IdentityProviderManager identities;
    private final Visitor visitor;
    private final MeterRegistry registry;
    private final boolean secureCookie;
    /** The provider's name when single sign-on is on, empty otherwise. */
    private final String singleSignOn;

    public LoginResource(SessionStore sessions, UserDirectory users, IdentityProviderManager identities, Visitor visitor,
                         MeterRegistry registry, UiConfig config) {
        this.sessions = sessions;
        this.users = users;
        this.identities = identities;
        this.visitor = visitor;
        this.registry = registry;
        this.secureCookie = config.session().secureCookie();
        this.singleSignOn = config.oidc().enabled() ? config.oidc().providerName() : "";
    }

    @GET
    @Path("login")
    public Response form(@QueryParam("next") String next) {
        ConsoleSession session = visitor.session();
        if (session == null) {
            session = sessions.startAnonymous();
        }
        return Response.ok(Templates.login(session.csrfToken(), safeNext(next), "", "", !users.hasUsers() && singleSignOn.isEmpty(), localLogin(), singleSignOn))
                .cookie(cookie(session.id())).build();
    }

    @POST
    @Path("login")
    @Produces(MediaType.TEXT_HTML)
    public Response login(@FormParam("username") String username, @FormParam("password") String password,
                          @FormParam("next") String next) {
        String name = username == null ? "" : username.trim();
        try {
            SecurityIdentity identity = identities.authenticateBlocking(new UsernamePasswordAuthenticationRequest(name,
                    new PasswordCredential(password == null ? new char[0] : password.toCharArray())));
            ConsoleSession previous = visitor.session();
            ConsoleSession session = sessions.login(previous == null ? null : previous.id(),
                    identity.getPrincipal().getName());
            LOG.infof("%s logged in from %s", name, visitor.remoteAddress());
            registry.counter("smoketrace.ui.logins", "outcome", "success").increment();
            return Response.seeOther(URI.create(safeNext(next))).cookie(cookie(session.id())).build();
        } catch (AuthenticationFailedException e) {
            LOG.warnf("failed login as '%s' from %s: wrong user name or password", name, visitor.remoteAddress());
            registry.counter("smoketrace.ui.logins", "outcome", "failure").increment();
            ConsoleSession session = visitor.session();
            return Response.status(Response.Status.UNAUTHORIZED)
                    .entity(Templates.login(session.csrfToken(), safeNext(next), name, "Wrong user name or password.",
                            !users.hasUsers() && singleSignOn.isEmpty(), localLogin(), singleSignOn).render())
                    .build();
        }
    }

    /**
     * Ends the console session. A user who signed in through the identity provider is then sent to its
     * end-session endpoint to end that session too (by a page that moves on at once: the console's
     * Content-Security-Policy does not let a form post be redirected to another site).
     */
    @POST
    @Path("logout")
    public Response logout() {
        ConsoleSession session = visitor.session();
        if (session != null) {
            if (session.authenticated()) {
                LOG.infof("%s logged out", session.user());
            }
            sessions.end(session.id());
            if (session.signOn() != null && session.signOn().logoutUrl() != null) {
                return Response.ok(Templates.leaving(singleSignOn, session.signOn().logoutUrl()).render())
                        .cookie(expired()).build();
            }
        }
        return Response.seeOther(URI.create("/login")).cookie(expired()).build();
    }

    /** The user/password form is shown when local users exist, or when there is no other way in. */
    private boolean localLogin() {
        return users.hasUsers() || singleSignOn.isEmpty();
    }

    /** Only paths of this console: never send someone elsewhere after login. */
    static String safeNext(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")
                || next.startsWith("/login")) {
            return "/";
        }
        return next;
    }

    private NewCookie cookie(String value) {
        return new NewCookie.Builder(SessionStore.COOKIE).value(value).path("/").httpOnly(true).secure(secureCookie)
                .sameSite(NewCookie.SameSite.LAX).build();
    }

    private NewCookie expired() {
        return new NewCookie.Builder(SessionStore.COOKIE).value("").path("/").httpOnly(true).secure(secureCookie)
                .sameSite(NewCookie.SameSite.LAX).maxAge(0).build();
    }
}
