package io.smoketrace.infra;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where SmokeTrace's PostgreSQL is and how to log in, and the Quarkus datasource settings that follow.
 *
 * @param host server host
 * @param port server port
 * @param database database name
 * @param user role name
 * @param password role password
 */
public record PostgresSettings(String host, int port, String database, String user, String password) {

    /**
     * Parses a libpq-style URL, {@code postgresql://user:password@host:port/database}, as given in
     * {@code SMOKETRACE_PG_URL}.
     */
    public static PostgresSettings parse(String url) {
        URI uri = URI.create(url.startsWith("jdbc:") ? url.substring(5) : url);
        if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme())) {
            throw new IllegalArgumentException("SMOKETRACE_PG_URL must look like postgresql://user:password@host:5432/database, got " + url);
        }
        String user = "smoketrace";
        String password = "";
        if (uri.getUserInfo() != null) {
            String[] parts = uri.getUserInfo().split(":", 2);
            user = parts[0];
            password = parts.length > 1 ? parts[1] : "";
        }
        String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        return new PostgresSettings(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(),
                path.isEmpty() ? "smoketrace" : path, user, password);
    }

    /** The JDBC URL (Flyway migrations use JDBC). */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /** The Vert.x reactive client URL (Hibernate Reactive). */
    public String reactiveUrl() {
        return "postgresql://" + host + ":" + port + "/" + database;
    }

    /**
     * The settings as the {@code smoketrace.pg.*} properties every database-backed service builds its
     * datasource from (the same values as the {@code SMOKETRACE_PG_*} environment variables).
     */
    public Map<String, String> serviceConfig() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("smoketrace.pg.host", host);
        config.put("smoketrace.pg.port", String.valueOf(port));
        config.put("smoketrace.pg.database", database);
        config.put("smoketrace.pg.user", user);
        config.put("smoketrace.pg.password", password);
        return config;
    }
}
