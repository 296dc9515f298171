package io.smoketrace.infra;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the embedded PostgreSQL as a standalone server until it is stopped: what {@code bin/smoketrace up}
 * starts when no external database is configured. Data persists in the given directory.
 */
public final class PostgresServerMain {

    private PostgresServerMain() {
    }

    /** {@code PostgresServerMain <port> <data-directory>}. */
    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: PostgresServerMain <port> <data-directory>");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        Path data = Path.of(args[1]).toAbsolutePath();
        LocalPostgres postgres = LocalPostgres.start(port, data);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                postgres.close();
                System.out.println("PostgreSQL stopped cleanly");
            } catch (Exception e) {
                System.err.println("PostgreSQL did not stop cleanly: " + e.getMessage());
            } finally {
                stopped.countDown();
            }
        }, "postgres-stop"));
        System.out.println("PostgreSQL ready on port " + postgres.port() + ", data in " + data
                + ", database " + LocalPostgres.ROLE + " (user " + LocalPostgres.ROLE + ")");
        stopped.await();
    }
}
