package io.smoketrace.ui.topic;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;

/** Tells open pages that a view changed ("targets", "agents"), for server-sent events. */
@ApplicationScoped
public class LiveUpdates {

    private final BroadcastProcessor<String> changes = BroadcastProcessor.create();

    /** Announces that the named view changed. */
    public void changed(String view) {
        changes.onNext(view);
    }

    /** The stream of changed view names. */
    public Multi<String> stream() {
        return changes;
    }
}
