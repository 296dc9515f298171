package io.smoketrace.ui;

import io.smoketrace.ui.security.Role;

/**
 * Who makes a change, for the audit log and the logs.
 *
 * @param name the login name
 * @param role the highest role they have
 * @param remoteAddress where the request came from
 */
public record Actor(String name, Role role, String remoteAddress) {
}
