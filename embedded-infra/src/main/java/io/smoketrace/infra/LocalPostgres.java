package io.smoketrace.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * A real PostgreSQL server from the zonky embedded binaries, started without Docker, with a
 * {@code smoketrace} role and database ready for the services.
 */
public final class LocalPostgres implements AutoCloseable {

    /** The role and database the services use on the embedded server. */
    public static final String ROLE = "smoketrace";
    public static final String PASSWORD = "smoketrace";

    private final EmbeddedPostgres postgres;

    private LocalPostgres(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * Starts a server. With a data directory the data persists across restarts (it is initialised
     * only when empty); without one a throw-away cluster is made.
     *
     * @param port TCP port, 0 for any free port
     * @param dataDirectory where the cluster lives, or null for a temporary one
     */
    public static LocalPostgres start(int port, Path dataDirectory) throws IOException, SQLException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("max_connections", "200")
                .setServerConfig("fsync", dataDirectory == null ? "off" : "on");
        if (port > 0) {
            builder.setPort(port);
        }
        if (dataDirectory != null) {
            Files.createDirectories(dataDirectory);
            builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
        }
        LocalPostgres local = new LocalPostgres(builder.start());
        local.ensureDatabase();
        return local;
    }

    public int port() {
        return postgres.getPort();
    }

    /** Connection settings for the services' role and database. */
    public PostgresSettings settings() {
        return new PostgresSettings("localhost", port(), ROLE, ROLE, PASSWORD);
    }

    private void ensureDatabase() throws SQLException {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_roles WHERE rolname = '" + ROLE + "'")) {
                if (!rs.next()) {
                    s.execute("CREATE ROLE " + ROLE + " LOGIN PASSWORD '" + PASSWORD + "'");
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + ROLE + "'")) {
                if (!rs.next()) {
                    s.execute("CREATE DATABASE " + ROLE + " OWNER " + ROLE);
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
