package io.smoketrace.ui.topic;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smoketrace.common.bgp.PeerState;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Every BGP session's and BMP peer's latest state, from {@code smoketrace.bgp.peers.v1} read from the beginning. */
@Singleton
public class PeerRoster extends CompactedView<PeerState> {

    /** The name of this view in live updates. */
    public static final String VIEW = "peers";

    public PeerRoster(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap, LiveUpdates live,
                      MeterRegistry registry) {
        super(PeerState.class, state -> state.peer().peerId(), VIEW, bootstrap, live, registry);
    }

    void onStart(@Observes StartupEvent event) {
        startReading();
    }

    void onStop(@Observes ShutdownEvent event) {
        stopReading();
    }
}
