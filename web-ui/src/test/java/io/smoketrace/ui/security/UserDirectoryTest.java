package io.smoketrace.ui.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smoketrace.ui.config.UiConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UserDirectoryTest {

    private static UiConfig config(Map<String, UiConfig.User> users) {
        return new UiConfig() {
            public Map<String, User> users() {
                return users;
            }

            public Session session() {
                return new Session() {
                    public Duration idleTimeout() {
                        return Duration.ofHours(12);
                    }

                    public boolean secureCookie() {
                        return false;
                    }
                };
            }

            public Agents agents() {
                return () -> 3;
            }

            public Services services() {
                return null;
            }

            public Oidc oidc() {
                return null;
            }

            public String eventSource() {
                return "/smoketrace/web-ui";
            }
        };
    }

    private static UiConfig.User user(String hash, String... roles) {
        return new UiConfig.User() {
            public String passwordHash() {
                return hash;
            }

            public List<String> roles() {
                return List.of(roles);
            }
        };
    }

    @Test
    void aHashFromTheCommandLogsIn() {
        String hash = HashPassword.hash("correct horse".toCharArray());
        UserDirectory users = new UserDirectory(config(Map.of("alice", user(hash, "viewer", "operator"))));
        assertThat(users.verify("alice", "correct horse".toCharArray())).get()
                .extracting(UserDirectory.ConsoleUser::role).isEqualTo(Role.OPERATOR);
        assertThat(users.verify("alice", "wrong".toCharArray())).isEmpty();
        assertThat(users.verify("mallory", "correct horse".toCharArray())).isEmpty();
    }

    @Test
    void rolesIncludeTheLowerOnes() {
        assertThat(Role.ADMIN.granted()).containsExactlyInAnyOrder("admin", "operator", "viewer");
        assertThat(Role.OPERATOR.granted()).containsExactlyInAnyOrder("operator", "viewer");
        assertThat(Role.VIEWER.granted()).containsExactly("viewer");
    }

    @Test
    void badConfigurationFailsStartUpNamingTheKey() {
        assertThatThrownBy(() -> new UserDirectory(config(Map.of("bob", user("secret", "admin")))))
                .hasMessageContaining("smoketrace.ui.users.bob.password-hash is not a bcrypt hash");
        String hash = HashPassword.hash("correct horse".toCharArray());
        assertThatThrownBy(() -> new UserDirectory(config(Map.of("bob", user(hash, "root")))))
                .hasMessageContaining("smoketrace.ui.users.bob.roles: unknown role 'root'");
    }
}
