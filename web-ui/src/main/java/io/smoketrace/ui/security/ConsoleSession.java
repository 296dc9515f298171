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
 */
public record ConsoleSession(String id, String user, String csrfToken, Instant lastUsed) {

    /** Whether a user has logged in on this session. */
    public boolean authenticated() {
        return user != null;
    }

    ConsoleSession touched(Instant now) {
        return new ConsoleSession(id, user, csrfToken, now);
    }
}
