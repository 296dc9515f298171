package io.smoketrace.ui.security;

import io.smoketrace.ui.config.UiConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jboss.logging.Logger;

/**
 * Maps the groups an OIDC provider lists for a user ({@code smoketrace.ui.oidc.role-claim}) to a console
 * role through {@code smoketrace.ui.oidc.role-mapping."<group>"=<role>}, checked when the console starts.
 * A user in several mapped groups gets the highest role; one in none gets no access.
 */
@ApplicationScoped
public class OidcRoles {

    private static final Logger LOG = Logger.getLogger(OidcRoles.class);

    private final Map<String, Role> mapping;
    private final String claim;

    public OidcRoles(UiConfig config) {
        this.claim = config.oidc().roleClaim();
        this.mapping = parse(config.oidc().roleMapping());
        if (config.oidc().enabled()) {
            if (mapping.isEmpty()) {
                LOG.warn("single sign-on is on but smoketrace.ui.oidc.role-mapping is empty, so nobody signing in"
                        + " through the identity provider gets a role (see web-ui/README.md)");
            } else {
                LOG.infof("single sign-on is on: groups in the '%s' claim map to roles %s", claim, new TreeMap<>(
                        mapping.entrySet().stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey,
                                e -> e.getValue().roleName()))));
            }
        }
    }

    /** The configured mapping, group to role; an unknown role names the key. */
    static Map<String, Role> parse(Map<String, String> configured) {
        Map<String, Role> parsed = new LinkedHashMap<>();
        configured.forEach((group, role) -> {
            try {
                parsed.put(group, Role.parse(role));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("smoketrace.ui.oidc.role-mapping.\"" + group + "\": " + e.getMessage(), e);
            }
        });
        return Map.copyOf(parsed);
    }

    /** The claim holding the groups. */
    public String claim() {
        return claim;
    }

    /** The highest role any of the groups maps to. */
    public Optional<Role> roleOf(Collection<String> groups) {
        return roleOf(mapping, groups);
    }

    static Optional<Role> roleOf(Map<String, Role> mapping, Collection<String> groups) {
        return groups.stream().map(g -> mapping.get(stripSlash(g))).filter(r -> r != null).max(Role::compareTo);
    }

    /** Keycloak writes full group paths ({@code /ops/noc}) when asked; "/noc" and "noc" are both accepted. */
    private static String stripSlash(String group) {
        return group.startsWith("/") && group.indexOf('/', 1) < 0 ? group.substring(1) : group;
    }

    /**
     * The strings under a claim path ({@code groups}, {@code realm_access/roles}) in a token's claims:
     * a list of strings, or one string (split on commas and blanks); empty when absent.
     */
    @SuppressWarnings("unchecked")
    public static List<String> groupsIn(Map<String, Object> claims, String path) {
        Object value = claims;
        for (String part : path.split("/")) {
            if (!(value instanceof Map<?, ?> map)) {
                return List.of();
            }
            value = ((Map<String, Object>) map).get(part);
        }
        if (value instanceof Collection<?> list) {
            return list.stream().map(v -> unquote(String.valueOf(v))).toList();
        }
        if (value instanceof String text && !text.isBlank()) {
            return List.of(text.trim().split("[,\\s]+"));
        }
        return List.of();
    }

    /** Token libraries hand JSON strings in arrays back with their quotes. */
    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"") ? value.substring(1, value.length() - 1)
                : value;
    }

    /** Whether a mapping exists at all. */
    public boolean configured() {
        return !mapping.isEmpty();
    }

    /** The configured mapping. */
    public Map<String, Role> mapping() {
        return mapping;
    }
}
