package io.smoketrace.ui.topic;

import io.quarkus.runtime.ShutdownEvent;
import io.smoketrace.common.serde.CloudEventHeaders;
import io.smoketrace.common.serde.TopicCodec;
import io.smoketrace.common.target.TargetSpec;
import io.smoketrace.common.topic.KafkaClientSecurity;
import io.smoketrace.common.topic.Topics;
import io.smoketrace.ui.config.UiConfig;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Writes target changes to {@code smoketrace.targets.v1}, which the console owns: key targetId, the
 * {@link TargetSpec} as value (null to delete), CloudEvents headers. Every change, a bulk import
 * included, is one Kafka transaction, so agents see all of it or none of it.
 */
@Singleton
public class TargetPublisher {

    private static final Logger LOG = Logger.getLogger(TargetPublisher.class);
    private static final TopicCodec<TargetSpec> CODEC = TopicCodec.of(TargetSpec.class);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

    /** One change to one target: the new spec, or null to delete it. */
    public record Change(String targetId, TargetSpec spec) {
    }

    /** Where a change landed on the topic. */
    public record Written(String targetId, int partition, long offset) {

        @Override
        public String toString() {
            return Topics.TARGETS + "-" + partition + "@" + offset;
        }
    }

    private final String bootstrap;
    private final String source;
    private KafkaProducer<String, byte[]> producer;

    public TargetPublisher(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap, UiConfig config) {
        this.bootstrap = bootstrap;
        this.source = config.eventSource();
    }

    /**
     * Publishes the changes in one transaction; returns when the broker has committed them.
     *
     * @throws TargetPublishException when the broker did not take them (nothing is visible to readers then)
     */
    public synchronized List<Written> publish(List<Change> changes) {
        KafkaProducer<String, byte[]> kafka = producer();
        try {
            kafka.beginTransaction();
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (Change change : changes) {
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.TARGETS, null, change.targetId(),
                        change.spec() == null ? null : CODEC.encode(change.spec()),
                        CloudEventHeaders.create(CODEC.spec(), source));
                sent.add(kafka.send(record));
            }
            kafka.commitTransaction();
            List<Written> written = new ArrayList<>();
            for (int i = 0; i < changes.size(); i++) {
                RecordMetadata metadata = sent.get(i).get(SEND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                written.add(new Written(changes.get(i).targetId(), metadata.partition(), metadata.offset()));
            }
            return written;
        } catch (KafkaException | ExecutionException | TimeoutException e) {
            abort(kafka, e);
            throw new TargetPublishException("the Kafka broker at " + bootstrap + " did not take the change: "
                    + rootMessage(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abort(kafka, e);
            throw new TargetPublishException("interrupted while publishing", e);
        }
    }

    private void abort(KafkaProducer<String, byte[]> kafka, Exception cause) {
        LOG.warnf("target change not published, aborting the transaction: %s", rootMessage(cause));
        try {
            kafka.abortTransaction();
        } catch (RuntimeException e) {
            // A fenced or broken producer cannot abort; start over with a new one next time.
            kafka.close(Duration.ZERO);
            producer = null;
        }
    }

    private KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            Properties props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            props.put(ProducerConfig.CLIENT_ID_CONFIG, "web-ui-targets");
            props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "web-ui-targets-" + UUID.randomUUID());
            props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(SEND_TIMEOUT.toMillis()));
            props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, String.valueOf(SEND_TIMEOUT.toMillis()));
            props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
            props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
            KafkaClientSecurity.applyTo(props);
            KafkaProducer<String, byte[]> created = new KafkaProducer<>(props);
            try {
                created.initTransactions();
            } catch (RuntimeException e) {
                created.close(Duration.ZERO);
                throw new TargetPublishException("cannot start publishing to " + Topics.TARGETS + " at " + bootstrap
                        + ": " + rootMessage(e), e);
            }
            producer = created;
        }
        return producer;
    }

    synchronized void onStop(@Observes ShutdownEvent event) {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    /** A change the broker did not take. */
    public static class TargetPublishException extends RuntimeException {
        public TargetPublishException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
