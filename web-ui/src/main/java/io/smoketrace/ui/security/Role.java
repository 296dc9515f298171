package io.smoketrace.ui.security;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a console user may do. Roles are ordered: an operator can do all a viewer can, an admin all
 * an operator can, so a user's identity carries its role and every lower one.
 */
public enum Role {
    /** Reads every page. */
    VIEWER,
    /** Also changes targets, rules and silences. */
    OPERATOR,
    /** Also reads the audit log and administers the console. */
    ADMIN;

    public static final String VIEWER_NAME = "viewer";
    public static final String OPERATOR_NAME = "operator";
    public static final String ADMIN_NAME = "admin";

    /** The role's name as used in configuration and {@code @RolesAllowed}. */
    public String roleName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** This role and every role it includes, as role names. */
    public Set<String> granted() {
        return Arrays.stream(values()).filter(r -> r.ordinal() <= ordinal()).map(Role::roleName)
                .collect(Collectors.toUnmodifiableSet());
    }

    /** The role named in configuration; throws naming the known roles otherwise. */
    public static Role parse(String name) {
        for (Role role : values()) {
            if (role.roleName().equals(name.trim().toLowerCase(Locale.ROOT))) {
                return role;
            }
        }
        throw new IllegalArgumentException("unknown role '" + name + "' (known: viewer, operator, admin)");
    }
}
