package io.smoketrace.analyzer.listener;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smoketrace.analyzer.config.AnalyzerConfig;
import io.smoketrace.analyzer.detect.PairState;
import io.smoketrace.analyzer.detect.PathAnalyzer;
import io.smoketrace.analyzer.service.TargetDirectory;
import io.smoketrace.common.agent.AgentHeartbeat;
import io.smoketrace.common.serde.ContractViolationException;
import io.smoketrace.common.serde.TopicCodec;
import io.smoketrace.common.target.TargetSpec;
import io.smoketrace.common.topic.Topics;
import io.smoketrace.support.DeadLetterPublisher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Reads the compacted targets and agents topics whole on every instance (no consumer group) into the
 * {@link TargetDirectory}: targets give their pairs' tags and thresholds, agents their site.
 */
@ApplicationScoped
public class InventoryListener {

    private static final Logger LOG = Logger.getLogger(InventoryListener.class);
    private static final TopicCodec<TargetSpec> TARGET_CODEC = TopicCodec.of(TargetSpec.class);
    private static final TopicCodec<AgentHeartbeat> AGENT_CODEC = TopicCodec.of(AgentHeartbeat.class);

    private final TargetDirectory directory;
    private final PathAnalyzer analyzer;
    private final DeadLetterPublisher deadLetters;
    private final TopicFollower targets;
    private final TopicFollower agents;

    public InventoryListener(TargetDirectory directory, PathAnalyzer analyzer, DeadLetterPublisher deadLetters,
                             AnalyzerConfig config, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap) {
        this.directory = directory;
        this.analyzer = analyzer;
        this.deadLetters = deadLetters;
        CompletableFuture<Void> now = CompletableFuture.completedFuture(null);
        this.targets = new TopicFollower(bootstrap, Topics.TARGETS, "targets", "records", TopicFollower.Start.BEGINNING, now,
                config.ribProgressInterval(), this::onTarget);
        this.agents = new TopicFollower(bootstrap, Topics.AGENTS, "agents", "records", TopicFollower.Start.BEGINNING, now,
                config.ribProgressInterval(), this::onAgent);
    }

    void onStart(@Observes StartupEvent event) {
        targets.start();
        agents.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        targets.close();
        agents.close();
    }

    /** Completes once both topics have been read up to their end offsets at start. */
    public CompletableFuture<Void> loaded() {
        return CompletableFuture.allOf(targets.loaded(), agents.loaded());
    }

    private void onTarget(ConsumerRecord<String, byte[]> record) {
        try {
            if (record.value() == null) {
                if (record.key() != null && directory.removeTarget(record.key())) {
                    // The pairs of a deleted target stop being tracked; their history stays in the database.
                    for (PairState state : analyzer.states()) {
                        if (state.targetId().equals(record.key())) {
                            analyzer.forget(state.agentId(), state.targetId());
                        }
                    }
                    LOG.infof("target %s deleted", record.key());
                }
                return;
            }
            TargetSpec target = TARGET_CODEC.decode(record.value());
            if (record.key() != null && !record.key().equals(target.targetId())) {
                throw new IllegalArgumentException("key '" + record.key() + "' is not the targetId '" + target.targetId() + "'");
            }
            directory.putTarget(target);
        } catch (ContractViolationException | IllegalArgumentException e) {
            reject(record, e.getMessage());
        }
    }

    private void onAgent(ConsumerRecord<String, byte[]> record) {
        try {
            if (record.value() == null) {
                if (record.key() != null) {
                    directory.removeAgent(record.key());
                }
                return;
            }
            directory.putAgent(AGENT_CODEC.decode(record.value()));
        } catch (ContractViolationException | IllegalArgumentException e) {
            reject(record, e.getMessage());
        }
    }

    private void reject(ConsumerRecord<String, byte[]> record, String reason) {
        try {
            deadLetters.reject(record, reason).await().atMost(Duration.ofSeconds(30));
        } catch (RuntimeException e) {
            LOG.errorf("cannot dead-letter %s-%d@%d (%s): %s", record.topic(), record.partition(), record.offset(), reason,
                    e.getMessage());
        }
    }
}
