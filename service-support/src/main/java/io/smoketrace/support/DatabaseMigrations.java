package io.smoketrace.support;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.jboss.logging.Logger;

/**
 * Brings the service's schema up to date with the Flyway migrations in {@code db/migration} before
 * anything else starts, using the same database and credentials as the reactive datasource.
 */
@ApplicationScoped
public class DatabaseMigrations {

    private static final Logger LOG = Logger.getLogger(DatabaseMigrations.class);

    private final String reactiveUrl;
    private final String user;
    private final String password;
    private final String schema;
    private final boolean migrateAtStart;

    public DatabaseMigrations(@ConfigProperty(name = "quarkus.datasource.reactive.url") String reactiveUrl,
                              @ConfigProperty(name = "quarkus.datasource.username") String user,
                              @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password,
                              @ConfigProperty(name = "smoketrace.database.schema") String schema,
                              @ConfigProperty(name = "smoketrace.database.migrate-at-start", defaultValue = "true")
                              boolean migrateAtStart) {
        this.reactiveUrl = reactiveUrl;
        this.user = user;
        this.password = password.orElse("");
        this.schema = schema;
        this.migrateAtStart = migrateAtStart;
    }

    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
        if (migrateAtStart) {
            migrate();
        }
    }

    /** Applies pending migrations; fails start-up with the database's own words when it cannot. */
    public MigrateResult migrate() {
        String jdbcUrl = jdbcUrl(reactiveUrl);
        LOG.infof("checking database schema '%s' at %s", schema, jdbcUrl);
        try {
            MigrateResult result = Flyway.configure()
                    .dataSource(jdbcUrl, user, password)
                    .schemas(schema)
                    .defaultSchema(schema)
                    .createSchemas(true)
                    .locations("classpath:db/migration")
                    .connectRetries(10)
                    .load()
                    .migrate();
            if (result.migrationsExecuted > 0) {
                LOG.infof("database schema '%s' migrated to version %s (%d migrations applied)", schema,
                        result.targetSchemaVersion, result.migrationsExecuted);
            } else {
                LOG.infof("database schema '%s' is up to date", schema);
            }
            return result;
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot migrate database schema '" + schema + "' at " + jdbcUrl
                    + " as user '" + user + "': " + e.getMessage()
                    + " (check SMOKETRACE_PG_HOST/PORT/DATABASE/USER/PASSWORD)", e);
        }
    }

    /** {@code postgresql://host:port/db?x} as the JDBC URL {@code jdbc:postgresql://host:port/db?x}. */
    static String jdbcUrl(String reactiveUrl) {
        String url = reactiveUrl.startsWith("vertx-reactive:") ? reactiveUrl.substring("vertx-reactive:".length()) : reactiveUrl;
        if (url.startsWith("postgres://")) {
            url = "postgresql://" + url.substring("postgres://".length());
        }
        return url.startsWith("jdbc:") ? url : "jdbc:" + url;
    }
}
