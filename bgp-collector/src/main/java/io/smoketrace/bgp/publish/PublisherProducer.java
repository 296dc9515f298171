package io.smoketrace.bgp.publish;

import io.smoketrace.bgp.config.CollectorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Makes the service's one Kafka publisher, closed (and flushed) at shutdown. */
@ApplicationScoped
public class PublisherProducer {

    @Produces
    @Singleton
    KafkaBgpPublisher publisher(CollectorConfig config, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap) {
        return new KafkaBgpPublisher(bootstrap, config.producer(), config.collectorId());
    }

    void close(@Disposes KafkaBgpPublisher publisher) {
        publisher.close();
    }
}
