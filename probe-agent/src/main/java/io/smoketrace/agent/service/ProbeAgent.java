package io.smoketrace.agent.service;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smoketrace.agent.config.AgentSettings;
import io.smoketrace.agent.listener.TargetsFollower;
import io.smoketrace.agent.probe.ProbeRunner;
import io.smoketrace.agent.probe.ToolInventory;
import io.smoketrace.agent.publish.HeartbeatPublisher;
import io.smoketrace.agent.publish.KafkaLink;
import io.smoketrace.agent.publish.TracePublisher;
import io.smoketrace.agent.schedule.ProbeScheduler;
import io.smoketrace.agent.schedule.RunSchedule;
import io.smoketrace.agent.spool.TraceSpool;
import io.smoketrace.agent.target.TargetRegistry;
import io.smoketrace.agent.target.TargetsCache;
import io.smoketrace.agent.target.TargetsFile;
import io.smoketrace.agent.target.TargetsFileWatcher;
import io.smoketrace.common.agent.AgentHeartbeat;
import io.smoketrace.common.deadletter.DeadLetters;
import io.smoketrace.common.serde.TopicCodec;
import io.smoketrace.common.target.TargetSpec;
import io.smoketrace.common.topic.Topics;
import io.smoketrace.common.trace.Trace;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The running agent: starts its parts in order (tools, spool, targets, scheduler, publisher,
 * targets follower, heartbeat) and stops them in reverse, so a run that finishes during shutdown is
 * still spooled and nothing is lost.
 */
@ApplicationScoped
public class ProbeAgent {

    private static final Logger LOG = Logger.getLogger(ProbeAgent.class);
    private static final TopicCodec<Trace> TRACES = TopicCodec.of(Trace.class);
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);

    private final AgentSettings settings;
    private final AgentMetrics metrics;
    private final String bootstrap;
    private final String version;
    private final InstantSource clock = InstantSource.system();
    private final Instant startedAt = Instant.now();

    private ToolInventory tools;
    private TraceSpool spool;
    private TargetRegistry registry;
    private TargetsFileWatcher targetsFile;
    private TargetsCache cache;
    private ProbeScheduler scheduler;
    private ProbeRunner runner;
    private KafkaLink link;
    private TracePublisher publisher;
    private TargetsFollower follower;
    private HeartbeatPublisher heartbeatPublisher;
    private ScheduledExecutorService heartbeats;

    public ProbeAgent(AgentSettings settings, AgentMetrics metrics,
                      @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap,
                      @ConfigProperty(name = "quarkus.application.version", defaultValue = "dev") String version) {
        this.settings = settings;
        this.metrics = metrics;
        this.bootstrap = bootstrap;
        this.version = version;
    }

    void onStart(@Observes StartupEvent event) throws IOException {
        LOG.infof("probe agent %s (site %s, tags %s) starting; data in %s", settings.agentId(), settings.site(), settings.tags(),
                settings.dataDir().toAbsolutePath());
        if (settings.denyList().isEmpty()) {
            LOG.info("deny list empty: every resolved address may be probed (smoketrace.agent.deny)");
        } else {
            LOG.infof("never probing %s (smoketrace.agent.deny)", settings.denyList());
        }
        tools = ToolInventory.detect();
        spool = TraceSpool.open(settings.dataDir().resolve("spool"), settings.spoolMaxBytes(), settings.spoolSegmentBytes(),
                (records, bytes) -> {
                    metrics.spoolDropped(records);
                    LOG.warnf("spool full (over %d bytes, smoketrace.agent.spool.max-bytes): dropped the oldest %d traces (%d bytes) "
                            + "that Kafka had not taken yet", settings.spoolMaxBytes(), records, bytes);
                });
        if (spool.depth() > 0) {
            LOG.infof("%d traces in the spool from before; sending them first", spool.depth());
        }
        metrics.spoolGauges(spool::depth, spool::bytes);
        registry = new TargetRegistry(settings.agentId(), settings.tags());
        metrics.targetsGauge(() -> registry.active().size());
        loadTargetsFile();
        cache = new TargetsCache(settings.dataDir());
        cache.load().forEach(registry::putFromTopic);
        runner = new ProbeRunner(settings.agentId(), tools, settings.denyList(), settings.sourcePorts(),
                ProbeRunner.HostResolver.SYSTEM, clock, settings.commandPrefix());
        if (!settings.commandPrefix().isEmpty()) {
            LOG.infof("probing through '%s' (smoketrace.agent.command-prefix)", String.join(" ", settings.commandPrefix()));
        }
        RunSchedule schedule = new RunSchedule(settings.maxConcurrentRuns(), (targetId, dueAt, reason) -> {
            metrics.skipped(reason.name().toLowerCase(Locale.ROOT));
            LOG.warnf("skipped the run of %s due at %s: %s (smoketrace.agent.max-concurrent-runs is %d)",
                    targetId, dueAt, reason, settings.maxConcurrentRuns());
        });
        scheduler = new ProbeScheduler(schedule, clock, this::runOnce);
        registry.onChange(this::targetsChanged);
        scheduler.start();
        if (targetsFile != null) {
            targetsFile.start();
        }

        link = new KafkaLink(bootstrap, "probe-agent-" + settings.agentId(), settings.deliveryTimeout());
        publisher = new TracePublisher(spool, link, settings.agentId(), settings.batchSize(), metrics::published);
        publisher.start();
        follower = new TargetsFollower(bootstrap, "probe-agent-" + settings.agentId() + "-targets", registry,
                this::targetRefused, () -> cache.save(registry.topicTargets()));
        follower.start();
        heartbeatPublisher = new HeartbeatPublisher(link, settings.agentId());
        heartbeats = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("heartbeat").daemon().factory());
        heartbeats.scheduleAtFixedRate(this::sendHeartbeat, 0, settings.heartbeatInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent event) {
        try {
            if (heartbeats != null) {
                heartbeats.shutdownNow();
                heartbeatPublisher.send(heartbeat(AgentHeartbeat.AgentStatus.STOPPING));
            }
            if (targetsFile != null) {
                targetsFile.close();
            }
            if (follower != null) {
                follower.stop();
            }
            if (scheduler != null) {
                scheduler.stop(SHUTDOWN_GRACE);
            }
            if (publisher != null) {
                publisher.stop(SHUTDOWN_GRACE);
            }
            if (link != null) {
                link.close();
            }
            if (spool != null) {
                LOG.infof("stopped with %d traces in the spool; they are sent on the next start", spool.depth());
                spool.close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.warnf("closing the spool: %s", e.getMessage());
        }
    }

    private void loadTargetsFile() {
        Path file = settings.targetsFile();
        if (file == null) {
            return;
        }
        TargetsFile.Contents contents;
        try {
            targetsFile = new TargetsFileWatcher(file, new TargetsFileWatcher.Listener() {
                @Override
                public void changed(List<TargetSpec> targets) {
                    registry.setFileTargets(targets);
                    LOG.infof("%s changed: %d targets from it now", file, targets.size());
                }

                @Override
                public void refused(List<String> problems) {
                    problems.forEach(p -> metrics.targetRefused("file"));
                    LOG.warnf("%s changed but is not applied, the targets read from it before keep running: %s",
                            file, String.join("; ", problems));
                }
            });
            contents = targetsFile.loadAtStart();
        } catch (IOException e) {
            throw new IllegalStateException("smoketrace.agent.targets-file (SMOKETRACE_AGENT_TARGETS_FILE): cannot read "
                    + file + ": " + e.getMessage() + "; fix the file or unset the key", e);
        }
        for (TargetsFile.Refusal refusal : contents.refused()) {
            metrics.targetRefused("file");
            LOG.warnf("refused target %s of %s", refusal.describe(), file);
        }
        registry.setFileTargets(contents.targets());
        LOG.infof("%d targets from %s; changes to the file take effect while the agent runs", contents.targets().size(), file);
    }

    /**
     * A refused targets record is counted, and sent to the dead-letter topic when it arrived while
     * the agent ran; records refused while re-reading the topic at start were sent when they were new,
     * so restarts (of many agents) do not repeat them.
     */
    private void targetRefused(ConsumerRecord<String, byte[]> record, String reason, boolean replaying) {
        metrics.targetRefused("topic");
        if (replaying) {
            return;
        }
        try {
            link.producer().send(DeadLetters.record(record.topic(), record.partition(), record.offset(), record.key(), record.value(),
                    "probe-agent/" + settings.agentId(), reason), (metadata, error) -> {
                        if (error != null) {
                            LOG.warnf("cannot send the refused target record %s-%d@%d to %s: %s", record.topic(), record.partition(),
                                    record.offset(), Topics.DEAD_LETTER, error.getMessage());
                        }
                    });
        } catch (RuntimeException e) {
            LOG.warnf("cannot send the refused target record to %s: %s", Topics.DEAD_LETTER, e.getMessage());
        }
    }

    private void targetsChanged(Map<String, TargetSpec> active) {
        scheduler.update(active);
        if (follower != null && follower.replayed()) {
            cache.save(registry.topicTargets());
        }
        LOG.infof("running %d targets: %s", active.size(), active.keySet());
    }

    private void runOnce(RunSchedule.DueRun due) {
        TargetSpec spec = registry.get(due.targetId());
        if (spec == null) {
            return;
        }
        metrics.scheduleLag(due.lag());
        Instant started = clock.instant();
        Trace trace = runner.run(spec);
        metrics.run(trace, Duration.between(started, clock.instant()));
        if (trace.error() != null) {
            LOG.warnf("run of %s (%s %s %s): %s at %s: %s", spec.targetId(), spec.tool(), spec.protocol(), spec.host(),
                    trace.status(), trace.error().stage(), trace.error().message());
        } else {
            LOG.debugf("run of %s: %s, %d hops", spec.targetId(), trace.status(), trace.hops().size());
        }
        try {
            spool.append(TRACES.encode(trace));
        } catch (IOException e) {
            metrics.spoolDropped(1);
            LOG.errorf("cannot spool trace %s of %s (%s): it is lost; check %s", trace.traceId(), spec.targetId(), e.getMessage(),
                    settings.dataDir().toAbsolutePath());
        }
    }

    private void sendHeartbeat() {
        try {
            heartbeatPublisher.send(heartbeat(AgentHeartbeat.AgentStatus.UP));
        } catch (RuntimeException e) {
            LOG.warnf("cannot build the heartbeat: %s", e);
        }
    }

    /** The heartbeat as of now: DEGRADED while traces wait in the spool or a target needs a tool that is missing. */
    AgentHeartbeat heartbeat(AgentHeartbeat.AgentStatus running) {
        Map<String, TargetSpec> active = registry.active();
        boolean toolMissing = active.values().stream().anyMatch(t -> tools.find(t.tool()).isEmpty());
        long spooled = spool.depth();
        AgentHeartbeat.AgentStatus status = running == AgentHeartbeat.AgentStatus.UP && (spooled > 0 || toolMissing)
                ? AgentHeartbeat.AgentStatus.DEGRADED : running;
        return new AgentHeartbeat(AgentHeartbeat.FORMAT_VERSION, settings.agentId(), settings.site(), settings.tags(),
                settings.coordinates(), version, startedAt, clock.instant(), (int) Math.max(1, settings.heartbeatInterval().toSeconds()),
                tools.capabilities(), List.copyOf(new TreeSet<>(active.keySet())), spooled, status);
    }

    /** The link to Kafka, for readiness. */
    public KafkaLink link() {
        return link;
    }

    public TraceSpool spool() {
        return spool;
    }

    public ProbeScheduler scheduler() {
        return scheduler;
    }

    public TargetsFollower follower() {
        return follower;
    }
}
