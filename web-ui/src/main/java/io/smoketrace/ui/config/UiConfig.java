package io.smoketrace.ui.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The console's own settings, under {@code smoketrace.ui}. */
@ConfigMapping(prefix = "smoketrace.ui")
public interface UiConfig {

    /** Console users by login name. */
    Map<String, User> users();

    /** The login session. */
    Session session();

    /** How agents are judged from their heartbeats. */
    Agents agents();

    /** The other SmokeTrace services the console will query. */
    Services services();

    /** Single sign-on through an OpenID Connect provider (off by default). */
    Oidc oidc();

    /** Where this console's records say they come from ({@code ce_source}). */
    @WithDefault("/smoketrace/web-ui")
    String eventSource();

    /** One console user. */
    interface User {

        /** The bcrypt hash of the password ({@code $2a$}, {@code $2b$} or {@code $2y$}). */
        String passwordHash();

        /** viewer (read), operator (change targets, rules, silences), admin (also the audit log). */
        List<String> roles();
    }

    /** The login session kept by the console. */
    interface Session {

        /** A session unused this long is forgotten and its user must log in again. */
        @WithDefault("12h")
        Duration idleTimeout();

        /** Mark the session cookie Secure: set when the console is served over HTTPS. */
        @WithDefault("false")
        boolean secureCookie();
    }

    /**
     * Single sign-on (OIDC authorization code flow). The provider itself is configured with Quarkus'
     * keys: {@code quarkus.oidc.auth-server-url}, {@code quarkus.oidc.client-id},
     * {@code quarkus.oidc.credentials.secret}.
     */
    interface Oidc {

        /** Offer "Sign in with ..." on the login page (switches {@code quarkus.oidc.tenant-enabled} too). */
        @WithDefault("false")
        boolean enabled();

        /** The provider's name on the login page. */
        @WithDefault("single sign-on")
        String providerName();

        /**
         * The ID token claim (or access token claim, when the ID token lacks it) listing the user's
         * groups; a path into nested objects is written with {@code /}, e.g. {@code realm_access/roles}.
         */
        @WithDefault("groups")
        String roleClaim();

        /** Group name at the provider to console role (viewer, operator, admin); unmapped groups give nothing. */
        Map<String, String> roleMapping();

        /** The claims naming the user in the console and its audit log, the first one present wins. */
        @WithDefault("preferred_username,email,sub")
        List<String> nameClaims();
    }

    /** How agents are judged from their heartbeats. */
    interface Agents {

        /** An agent whose last heartbeat is older than this many of its own intervals is stale. */
        @WithDefault("3")
        int staleAfterIntervals();
    }

    /** The other SmokeTrace services the console will query. */
    interface Services {

        /** The path analyzer's base URL (its REST API for paths, smoke and timeline). */
        @WithDefault("http://localhost:8083")
        String pathAnalyzerUrl();

        /** The alerting service's base URL (rules, silences, alerts). */
        @WithDefault("http://localhost:8084")
        String alertingUrl();

        /** How long a page waits for one answer from those services before it says they are unreachable. */
        @WithDefault("3s")
        Duration timeout();
    }
}
