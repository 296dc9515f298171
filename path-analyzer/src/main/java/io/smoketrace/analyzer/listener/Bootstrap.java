package io.smoketrace.analyzer.listener;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;

/**
 * The start-up load of what traces are analysed against: the RIB, the targets and the agents, each
 * read from its compacted topic up to the end offsets at start.
 */
@ApplicationScoped
public class Bootstrap {

    private final BgpListener bgp;
    private final InventoryListener inventory;
    private final CompletableFuture<Void> done;

    public Bootstrap(BgpListener bgp, InventoryListener inventory) {
        this.bgp = bgp;
        this.inventory = inventory;
        this.done = CompletableFuture.allOf(bgp.loaded(), inventory.loaded());
    }

    /** Completes when traces can be analysed. */
    public CompletableFuture<Void> done() {
        return done;
    }

    public boolean ribLoaded() {
        return bgp.loaded().isDone();
    }

    public boolean inventoryLoaded() {
        return inventory.loaded().isDone();
    }

    /** RIB records read of those present at start, and how many were present. */
    public long[] ribProgress() {
        return bgp.ribFollower().loadProgress();
    }
}
