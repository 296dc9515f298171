package io.smoketrace.agent.publish;

import io.smoketrace.common.agent.AgentHeartbeat;
import io.smoketrace.common.serde.CloudEventHeaders;
import io.smoketrace.common.serde.TopicCodec;
import io.smoketrace.common.topic.Topics;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Sends the agent's heartbeat to the compacted {@code smoketrace.agents.v1} topic, keyed by agent id.
 * A heartbeat that cannot be sent is not spooled: the next one says everything it would have.
 */
public final class HeartbeatPublisher {

    private static final TopicCodec<AgentHeartbeat> CODEC = TopicCodec.of(AgentHeartbeat.class);

    private final KafkaLink link;
    private final String source;

    public HeartbeatPublisher(KafkaLink link, String agentId) {
        this.link = link;
        this.source = "/smoketrace/probe-agent/" + agentId;
    }

    /** Sends one heartbeat now; the outcome feeds the link's reachability. */
    public void send(AgentHeartbeat beat) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.AGENTS, null, beat.agentId(), CODEC.encode(beat),
                CloudEventHeaders.create(CODEC.spec(), source, UUID.randomUUID().toString(), beat.sentAt() == null ? Instant.now() : beat.sentAt()));
        try {
            link.producer().send(record, (metadata, error) -> {
                if (error == null) {
                    link.succeeded();
                } else {
                    link.failed(error);
                }
            });
        } catch (RuntimeException e) {
            link.failed(e);
        }
    }
}
