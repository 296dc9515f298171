package io.smoketrace.bgp.health;

import io.smoketrace.bgp.publish.KafkaBgpPublisher;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the Kafka producer reaches the BGP topics and no record failed in the last minute. */
@Readiness
@ApplicationScoped
public class KafkaPublisherReadiness implements HealthCheck {

    private final KafkaBgpPublisher publisher;

    public KafkaPublisherReadiness(KafkaBgpPublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public HealthCheckResponse call() {
        KafkaBgpPublisher.Health health = publisher.health(Duration.ofSeconds(5), Duration.ofMinutes(1));
        return HealthCheckResponse.named("kafka-publisher").status(health.up())
                .withData("detail", health.detail()).withData("failedRecords", publisher.failures()).build();
    }
}
