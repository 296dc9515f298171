package io.smoketrace.agent.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.smoketrace.agent.RestartableBroker;
import io.smoketrace.agent.spool.TraceSpool;
import io.smoketrace.common.serde.CloudEventHeaders;
import io.smoketrace.common.serde.TopicCodec;
import io.smoketrace.common.topic.Topics;
import io.smoketrace.common.trace.ToolInfo;
import io.smoketrace.common.trace.Trace;
import io.smoketrace.common.trace.TraceStatus;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spool and publisher through a real broker that goes away: traces made while it is down wait
 * in the spool, drain in order when it is back, also across an agent restart in between, and each
 * arrives exactly once.
 */
class BrokerOutageTest {

    private static final TopicCodec<Trace> CODEC = TopicCodec.of(Trace.class);
    private static final String AGENT = "outage";

    @TempDir
    Path temp;

    private RestartableBroker broker;

    @AfterEach
    void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    private static Trace trace(int n) {
        Instant at = Instant.parse("2026-11-21T10:00:00Z").plusSeconds(n);
        return new Trace(Trace.FORMAT_VERSION, UUID.randomUUID().toString(), AGENT, "target-" + (n % 3), "192.0.2.1", "192.0.2.1",
                null, null, null, null, null, null, at, at.plusSeconds(1), new ToolInfo("mtr", "0.95", "mtr-json", null),
                TraceStatus.UNREACHED, false, null, List.of(), null, null);
    }

    private record Agent(TraceSpool spool, KafkaLink link, TracePublisher publisher) {
        void stop() throws Exception {
            publisher.stop(Duration.ofSeconds(5));
            link.close();
            spool.close();
        }
    }

    private Agent startAgent(String bootstrap) throws IOException {
        TraceSpool spool = TraceSpool.open(temp.resolve("spool"), 1 << 24, 1 << 16, (r, b) -> { });
        KafkaLink link = new KafkaLink(bootstrap, "outage-test", Duration.ofSeconds(30));
        TracePublisher publisher = new TracePublisher(spool, link, AGENT, 50, n -> { });
        publisher.start();
        return new Agent(spool, link, publisher);
    }

    @Test
    void tracesMadeWhileKafkaIsDownArriveInOrderExactlyOnce() throws Exception {
        broker = new RestartableBroker(temp.resolve("kafka-logs"));
        String bootstrap = broker.start();
        List<Trace> made = new ArrayList<>();
        Agent agent = startAgent(bootstrap);
        for (int i = 0; i < 20; i++) {
            made.add(trace(made.size()));
            agent.spool().append(CODEC.encode(made.getLast()));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> agent.spool().depth() == 0);

        // Outage 1: the broker goes, traces pile up, the broker comes back to the same publisher.
        broker.stop();
        for (int i = 0; i < 30; i++) {
            made.add(trace(made.size()));
            agent.spool().append(CODEC.encode(made.getLast()));
        }
        Thread.sleep(3000);
        assertThat(agent.spool().depth()).isEqualTo(30);
        assertThat(agent.link().check(Duration.ofSeconds(1))).as("readiness sees the broker gone").isFalse();
        assertThat(agent.link().state().lastError()).isNotBlank();
        broker.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> agent.spool().depth() == 0);

        // Outage 2: the broker goes, and the agent restarts before it is back: the spool carries the traces over.
        broker.stop();
        for (int i = 0; i < 25; i++) {
            made.add(trace(made.size()));
            agent.spool().append(CODEC.encode(made.getLast()));
        }
        Thread.sleep(2000);
        agent.stop();
        Agent restarted = startAgent(bootstrap);
        assertThat(restarted.spool().depth()).isEqualTo(25);
        broker.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> restarted.spool().depth() == 0);
        restarted.stop();

        List<ConsumerRecord<String, byte[]>> records = broker.readAll(Topics.TRACES, AGENT + "/", made.size());
        List<String> ids = records.stream().map(r -> CloudEventHeaders.read(r.headers(), CloudEventHeaders.ID)).toList();
        assertThat(ids).as("every trace exactly once").containsExactlyInAnyOrderElementsOf(made.stream().map(Trace::traceId).toList());
        Map<String, List<Instant>> perKey = new HashMap<>();
        for (ConsumerRecord<String, byte[]> r : records) {
            Trace t = CODEC.decode(r.value());
            assertThat(r.key()).isEqualTo(t.key());
            perKey.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(t.startedAt());
        }
        // Ordered per key (one partition each), as the analyzer relies on.
        perKey.values().forEach(times -> assertThat(times).isSorted());
    }
}
