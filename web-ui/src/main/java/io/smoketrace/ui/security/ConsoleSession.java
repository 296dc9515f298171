package io.smoketrace.ui.security;

import java.time.Instant;

/**
 * One browser's session with the console: anonymous until its user logs in (it then carries the
 * token that protects the login form), and the CSRF token every change must echo.
 *
 * @param id the session cookie's value
 * @param user the logged-in user's name, null before login
 * @param csrfToken the token forms send in a hidden field and htmx in the {@code X-CSRF-Token} header
 * @param lastUsed when the session was last used, for the idle timeout
 * @param signOn for a user who signed in through the identity provider (OIDC): the role mapped from
 *               their groups and where logging out sends the browser; null for a local user, whose
 *               role is looked up in {@link UserDirectory} on every request
 */
public record ConsoleSession(String id, String user, String csrfToken, Instant lastUsed, SingleSignOn signOn) {

    /**
     * What the identity provider said at sign-in.
     *
     * @param role the console role mapped from the user's groups
     * @param logoutUrl the provider's end-session URL (with the ID token hint), or null when it has none
     */
    public record SingleSignOn(Role role, String logoutUrl) {
    }

    /** Whether a user has logged in on this session. */
    public boolean authenticated() {
        return user != null;
    }

    ConsoleSession touched(Instant now) {
        return new ConsoleSession(id, user, csrfToken, now, signOn);
    }
}
