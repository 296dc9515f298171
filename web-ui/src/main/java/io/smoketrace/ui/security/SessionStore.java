package io.smoketrace.ui.security;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smoketrace.ui.config.UiConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The console's sessions, kept in memory: a restart logs everybody out, and several console replicas
 * need sticky sessions. Session ids are 256 random bits; a login always starts a new session so an id
 * planted before login is worthless after it.
 */
@ApplicationScoped
public class SessionStore {

    /** The session cookie's name. */
    public static final String COOKIE = "smoketrace_session";
    /** Anonymous sessions (someone looking at the login page) live this long at most. */
    private static final Duration ANONYMOUS_LIFETIME = Duration.ofMinutes(30);
    /** Beyond this many anonymous sessions the oldest are dropped, so login-page traffic cannot fill memory. */
    private static final int MAX_ANONYMOUS = 10_000;

    private final SecureRandom random = new SecureRandom();
    private final Map<String, ConsoleSession> sessions = new ConcurrentHashMap<>();
    private final Duration idleTimeout;
    private final Clock clock;

    public SessionStore(UiConfig config, MeterRegistry registry) {
        this.idleTimeout = config.session().idleTimeout();
        this.clock = Clock.systemUTC();
        Gauge.builder("smoketrace.ui.sessions", sessions,
                        s -> s.values().stream().filter(ConsoleSession::authenticated).count())
                .description("Logged-in console sessions")
                .register(registry);
    }

    /** A new session before login. */
    public ConsoleSession startAnonymous() {
        if (sessions.size() > MAX_ANONYMOUS) {
            sessions.values().stream().filter(s -> !s.authenticated())
                    .sorted((a, b) -> a.lastUsed().compareTo(b.lastUsed()))
                    .limit(sessions.size() - MAX_ANONYMOUS + 1L)
                    .forEach(s -> sessions.remove(s.id()));
        }
        return store(new ConsoleSession(newId(), null, newId(), clock.instant(), null));
    }

    /** Replaces the (anonymous) session by a new one for the user who just logged in. */
    public ConsoleSession login(String previousId, String user) {
        return login(previousId, user, null);
    }

    /**
     * Replaces the (anonymous) session by a new one for a user the identity provider vouched for
     * (signOn carries their mapped role), or a local user (signOn null).
     */
    public ConsoleSession login(String previousId, String user, ConsoleSession.SingleSignOn signOn) {
        if (previousId != null) {
            sessions.remove(previousId);
        }
        return store(new ConsoleSession(newId(), user, newId(), clock.instant(), signOn));
    }

    /** Forgets the session. */
    public void end(String id) {
        if (id != null) {
            sessions.remove(id);
        }
    }

    /** The live session with this id, marked as used now. */
    public Optional<ConsoleSession> use(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        ConsoleSession session = sessions.computeIfPresent(id, (key, s) -> expired(s, now) ? null : s.touched(now));
        return Optional.ofNullable(session);
    }

    /** Whether the submitted token is this session's CSRF token (compared in constant time). */
    public static boolean tokenMatches(ConsoleSession session, String submitted) {
        return submitted != null && MessageDigest.isEqual(session.csrfToken().getBytes(StandardCharsets.UTF_8),
                submitted.getBytes(StandardCharsets.UTF_8));
    }

    @Scheduled(every = "5m", delayed = "5m")
    void forgetExpired() {
        Instant now = clock.instant();
        sessions.values().removeIf(s -> expired(s, now));
    }

    private boolean expired(ConsoleSession session, Instant now) {
        Duration lifetime = session.authenticated() ? idleTimeout : ANONYMOUS_LIFETIME;
        return session.lastUsed().plus(lifetime).isBefore(now);
    }

    private ConsoleSession store(ConsoleSession session) {
        sessions.put(session.id(), session);
        return session;
    }

    private String newId() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
