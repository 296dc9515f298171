package io.smoketrace.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.smoketrace.common.deadletter.DeadLetter;
import io.smoketrace.common.deadletter.DeadLetters;
import io.smoketrace.common.serde.CloudEventHeaders;
import io.smoketrace.common.topic.TopicSpec;
import io.smoketrace.common.topic.Topics;
import io.smoketrace.common.trace.RawOutput;
import io.smoketrace.common.trace.RttStats;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.apache.kafka.common.header.Headers;
import org.junit.jupiter.api.Test;

/** Topic catalogue, CloudEvents headers, dead letters and the small value helpers. */
class ContractPlumbingTest {

    @Test
    void everyTopicHasASchemaAnExampleAndAPolicy() {
        assertThat(Topics.ALL).extracting(TopicSpec::name).doesNotHaveDuplicates().allMatch(n -> n.matches("smoketrace\\.[a-z.-]+\\.v1"));
        for (TopicSpec spec : Topics.ALL) {
            assertThat(getClass().getClassLoader().getResource(spec.schemaResource())).as(spec.schemaResource()).isNotNull();
            assertThat(spec.configs()).containsKey("cleanup.policy");
            assertThat(spec.cloudEventType()).startsWith("io.smoketrace.");
        }
        assertThat(Topics.ALL).filteredOn(TopicSpec::compacted).extracting(TopicSpec::name)
                .containsExactlyInAnyOrder(Topics.TARGETS, Topics.AGENTS, Topics.BGP_RIB, Topics.BGP_PEERS);
        assertThat(Topics.spec(Topics.TRACES).configs()).containsEntry("retention.ms", String.valueOf(7L * 86_400_000));
    }

    @Test
    void cloudEventHeadersCarryEveryRequiredAttribute() {
        Instant time = Instant.parse("2026-11-21T10:00:00Z");
        Headers headers = CloudEventHeaders.create(Topics.spec(Topics.TRACES), "/smoketrace/probe-agent/fra1", "id-1", time);
        assertThat(CloudEventHeaders.read(headers, "ce_specversion")).isEqualTo("1.0");
        assertThat(CloudEventHeaders.read(headers, "ce_type")).isEqualTo("io.smoketrace.trace.v1");
        assertThat(CloudEventHeaders.read(headers, "ce_source")).isEqualTo("/smoketrace/probe-agent/fra1");
        assertThat(CloudEventHeaders.read(headers, "ce_id")).isEqualTo("id-1");
        assertThat(CloudEventHeaders.read(headers, "ce_time")).isEqualTo("2026-11-21T10:00:00Z");
        assertThat(CloudEventHeaders.read(headers, "content-type")).isEqualTo("application/json");
    }

    @Test
    void deadLetterKeepsBinaryPayloadsAsBase64AndTextAsText() {
        byte[] binary = {(byte) 0xff, (byte) 0xfe, 0x00, 0x41};
        DeadLetter letter = DeadLetter.of("t", 0, 1L, "k", "svc", "why", binary, Instant.EPOCH);
        assertThat(letter.payloadEncoding()).isEqualTo(DeadLetter.PayloadEncoding.BASE64);
        assertThat(Base64.getDecoder().decode(letter.payload())).isEqualTo(binary);

        DeadLetter text = DeadLetter.of("t", 0, 1L, "k", "svc", "why", "{\"a\":1}".getBytes(StandardCharsets.UTF_8), Instant.EPOCH);
        assertThat(text.payloadEncoding()).isEqualTo(DeadLetter.PayloadEncoding.UTF8);
        assertThat(text.payload()).isEqualTo("{\"a\":1}");

        var record = DeadLetters.record("smoketrace.traces.v1", 2, 7, "a/b", binary, "path-analyzer", "bad");
        assertThat(record.topic()).isEqualTo(Topics.DEAD_LETTER);
        assertThat(record.key()).isEqualTo("a/b");
        assertThat(CloudEventHeaders.read(record.headers(), "ce_type")).isEqualTo("io.smoketrace.dead-letter.v1");
    }

    @Test
    void rttStatsFollowMtrsDefinitions() {
        RttStats stats = RttStats.of(List.of(10.0, 12.0, 14.0));
        assertThat(stats.last()).isEqualTo(14.0);
        assertThat(stats.best()).isEqualTo(10.0);
        assertThat(stats.worst()).isEqualTo(14.0);
        assertThat(stats.avg()).isEqualTo(12.0);
        assertThat(stats.stddev()).isEqualTo(2.0);
        assertThat(RttStats.of(List.of(5.0)).stddev()).isZero();
        assertThat(RttStats.of(List.of())).isNull();
    }

    @Test
    void rawOutputIsCappedOnACharacterBoundary() {
        String text = "é".repeat(10);
        RawOutput raw = RawOutput.capped(text, 5);
        assertThat(raw.truncated()).isTrue();
        assertThat(raw.text()).isEqualTo("éé");
        assertThat(raw.originalBytes()).isEqualTo(20);
        assertThat(RawOutput.capped("short", 100).truncated()).isFalse();
    }
}
