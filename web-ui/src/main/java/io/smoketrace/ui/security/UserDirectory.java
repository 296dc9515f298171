package io.smoketrace.ui.security;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.smoketrace.ui.config.UiConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * The console users from configuration ({@code smoketrace.ui.users.<name>.password-hash} and
 * {@code .roles}), checked when the console starts so a typo fails start-up instead of a login.
 */
@ApplicationScoped
public class UserDirectory {

    private static final Logger LOG = Logger.getLogger(UserDirectory.class);
    private static final Pattern BCRYPT = Pattern.compile("^\\$2[aby]\\$\\d{2}\\$[./A-Za-z0-9]{53}$");
    /** Compared against when the user is unknown, so a wrong name costs as long as a wrong password. */
    private static final byte[] DECOY_HASH = "$2a$10$BDI3bKlJrzbLUywjkX8j5efruK4DrukE7IuVQZ0GYhBuiP1eRmHTC"
            .getBytes(StandardCharsets.UTF_8);

    /** A configured user and the highest role given. */
    public record ConsoleUser(String name, Role role, byte[] passwordHash) {
    }

    private final Map<String, ConsoleUser> users = new LinkedHashMap<>();

    public UserDirectory(UiConfig config) {
        config.users().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> {
            String name = entry.getKey();
            String hash = entry.getValue().passwordHash().trim();
            if (!BCRYPT.matcher(hash).matches()) {
                throw new IllegalStateException("smoketrace.ui.users." + name + ".password-hash is not a bcrypt hash"
                        + " ($2a$/$2b$/$2y$, 60 characters); make one with the command in web-ui/README.md");
            }
            if (entry.getValue().roles().isEmpty()) {
                throw new IllegalStateException("smoketrace.ui.users." + name + ".roles is empty: give viewer, operator or admin");
            }
            Role role;
            try {
                role = entry.getValue().roles().stream().map(Role::parse).max(Comparator.naturalOrder()).orElseThrow();
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("smoketrace.ui.users." + name + ".roles: " + e.getMessage(), e);
            }
            users.put(name, new ConsoleUser(name, role, hash.getBytes(StandardCharsets.UTF_8)));
        });
        if (users.isEmpty()) {
            LOG.warn("no console users are configured, so nobody can log in: set smoketrace.ui.users.<name>.password-hash"
                    + " and smoketrace.ui.users.<name>.roles (see web-ui/README.md)");
        } else {
            LOG.infof("%d console users configured: %s", users.size(),
                    users.values().stream().map(u -> u.name() + " (" + u.role().roleName() + ")").toList());
        }
    }

    /** Whether anyone can log in at all. */
    public boolean hasUsers() {
        return !users.isEmpty();
    }

    /** The configured user by name. */
    public Optional<ConsoleUser> find(String name) {
        return Optional.ofNullable(users.get(name));
    }

    /** The user when the password matches their hash; slow on purpose (bcrypt), call off the event loop. */
    public Optional<ConsoleUser> verify(String name, char[] password) {
        ConsoleUser user = users.get(name);
        boolean verified = BCrypt.verifyer().verify(password, user == null ? DECOY_HASH : user.passwordHash()).verified;
        return verified && user != null ? Optional.of(user) : Optional.empty();
    }
}
