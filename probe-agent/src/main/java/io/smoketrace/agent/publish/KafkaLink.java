package io.smoketrace.agent.publish;

import io.smoketrace.common.topic.KafkaClientSecurity;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

/**
 * The agent's connection to Kafka: one idempotent producer ({@code acks=all},
 * {@code enable.idempotence}) shared by traces and heartbeats, and what the agent last learnt about
 * the broker's reachability, for readiness and the logs.
 */
public final class KafkaLink implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(KafkaLink.class);

    /** The state of the link, as last seen. */
    public record State(boolean reachable, Instant since, String lastError) {
    }

    private final String bootstrap;
    private final KafkaProducer<String, byte[]> producer;
    private final Admin admin;
    private final AtomicReference<State> state = new AtomicReference<>(new State(false, Instant.now(), "not connected yet"));

    public KafkaLink(String bootstrap, String clientId, Duration deliveryTimeout) {
        this.bootstrap = bootstrap;
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
        p.put(ProducerConfig.RETRIES_CONFIG, String.valueOf(Integer.MAX_VALUE));
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, String.valueOf(Math.max(deliveryTimeout.toMillis(), 30_000)));
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "15000");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        // send() must not block a run or the heartbeat for long when the broker is away: the spool holds the traces.
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000");
        p.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "10000");
        KafkaClientSecurity.applyTo(p);
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        Properties a = new Properties();
        a.putAll(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.CLIENT_ID_CONFIG, clientId + "-admin",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000",
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000",
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "10000"));
        this.admin = Admin.create(KafkaClientSecurity.applyTo(a));
    }

    public String bootstrap() {
        return bootstrap;
    }

    public KafkaProducer<String, byte[]> producer() {
        return producer;
    }

    /** Records a successful exchange with the broker. */
    public void succeeded() {
        State before = state.get();
        if (!before.reachable()) {
            state.set(new State(true, Instant.now(), null));
            LOG.infof("Kafka at %s is reachable", bootstrap);
        }
    }

    /** Records a failed exchange; logged once per outage, not once per attempt. */
    public void failed(Throwable error) {
        State before = state.get();
        String message = describe(error);
        if (before.reachable() || before.lastError() == null || "not connected yet".equals(before.lastError())) {
            LOG.warnf("Kafka at %s is unreachable (%s); traces stay in the spool until it is back", bootstrap, message);
        }
        state.set(new State(false, before.reachable() ? Instant.now() : before.since(), message));
    }

    public State state() {
        return state.get();
    }

    /** Asks the broker who it is, with a short deadline: the readiness probe's view. */
    public boolean check(Duration timeout) {
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis())).clusterId()
                    .get(timeout.toMillis() + 500, TimeUnit.MILLISECONDS);
            succeeded();
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            failed(e);
            return false;
        }
    }

    static String describe(Throwable error) {
        Throwable t = error;
        while (t.getCause() != null && t.getMessage() != null && t.getMessage().startsWith("org.apache.kafka")) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
        admin.close(Duration.ofSeconds(2));
    }
}
