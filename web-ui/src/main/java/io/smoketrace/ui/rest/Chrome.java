package io.smoketrace.ui.rest;

/**
 * What every page's frame needs: who is logged in, what they may do, the CSRF token for its forms and
 * which section of the navigation is current.
 *
 * @param user the login name, empty when not logged in
 * @param role the user's highest role name
 * @param operator whether the user may change targets, rules and silences
 * @param admin whether the user may read the audit log
 * @param csrf the session's CSRF token
 * @param section the current navigation section
 */
public record Chrome(String user, String role, boolean operator, boolean admin, String csrf, String section) {

    /** Whether this is the current section (for the navigation's highlight). */
    public boolean at(String name) {
        return section.equals(name);
    }
}
