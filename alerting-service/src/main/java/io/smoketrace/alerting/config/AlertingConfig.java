package io.smoketrace.alerting.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** The alerting service's settings, under {@code smoketrace.alerting}. */
@ConfigMapping(prefix = "smoketrace.alerting")
public interface AlertingConfig {

    /** The web console's base URL; notifications link to the target and the alert group there. */
    @WithDefault("http://localhost:8080")
    String uiBaseUrl();

    /** A YAML or JSON file with receivers, route tree and inhibit rules; routing set through the API wins over it. */
    Optional<Path> routingFile();

    /** How often the engine looks at what time alone changes (pending periods, group timers, damping). */
    @WithDefault("200ms")
    Duration tickInterval();

    /** Delivery to receivers. */
    Delivery delivery();

    /** Delivery settings; a receiver may override timeout and parallelism. */
    interface Delivery {

        /** How long one attempt may take before it counts as failed. */
        @WithDefault("10s")
        Duration timeout();

        /** Groups delivered to one receiver at once (notifications of one group stay in order). */
        @WithDefault("4")
        int parallelism();

        /** The first retry delay; it doubles per attempt, with jitter. */
        @WithDefault("1s")
        Duration initialBackoff();

        /** The longest retry delay. */
        @WithDefault("5m")
        Duration maxBackoff();

        /** Attempts before a notification is given up as failed (it stays visible in the API). */
        @WithDefault("50")
        int maxAttempts();
    }
}
