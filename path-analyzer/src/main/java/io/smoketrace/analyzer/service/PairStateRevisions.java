package io.smoketrace.analyzer.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Revisions for saved pair states: increasing within a process and, seeded from the clock in
 * microseconds, across restarts, so the database keeps the latest of two concurrent saves.
 */
@ApplicationScoped
public class PairStateRevisions {

    private final AtomicLong last = new AtomicLong(System.currentTimeMillis() * 1000);

    public long next() {
        return last.incrementAndGet();
    }
}
