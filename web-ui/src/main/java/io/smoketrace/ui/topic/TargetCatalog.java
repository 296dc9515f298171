package io.smoketrace.ui.topic;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smoketrace.common.target.TargetSpec;
import jakarta.inject.Singleton;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The current targets as the agents see them: {@code smoketrace.targets.v1} read back from the
 * beginning, so the console shows what is on the topic, not what it believes it wrote.
 */
@Singleton
public class TargetCatalog extends CompactedView<TargetSpec> {

    /** The name of this view in live updates. */
    public static final String VIEW = "targets";

    public TargetCatalog(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap, LiveUpdates live,
                         MeterRegistry registry) {
        super(TargetSpec.class, TargetSpec::targetId, VIEW, bootstrap, live, registry);
    }

    void onStart(@Observes StartupEvent event) {
        startReading();
    }

    void onStop(@Observes ShutdownEvent event) {
        stopReading();
    }
}
