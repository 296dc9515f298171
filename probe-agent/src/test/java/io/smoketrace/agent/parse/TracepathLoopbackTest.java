package io.smoketrace.agent.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.smoketrace.common.serde.TopicCodec;
import io.smoketrace.common.trace.Trace;
import io.smoketrace.common.trace.TraceStatus;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** tracepath over loopback reports Linux's loopback MTU of 65536, beyond what the schema's pathMtu carries. */
class TracepathLoopbackTest {

    @Test
    void aPathMtuAboveTheSchemasRangeLeavesThePathIntact() {
        String output = """
                 1?: [LOCALHOST]                        0.016ms pmtu 65536
                 1:  ::1                                                   0.044ms reached
                     Resume: pmtu 65536 hops 1 back 1\s
                """;
        Trace trace = TraceParsers.standard().parseOrError("tracepath", output,
                ParseContext.of("t", Instant.parse("2026-11-21T10:00:00Z")).withTargetHost("::1"));
        assertThat(trace.status()).isEqualTo(TraceStatus.COMPLETE);
        assertThat(trace.pathMtu()).isNull();
        assertThat(trace.hops()).hasSize(1);
        TopicCodec<Trace> codec = TopicCodec.of(Trace.class);
        assertThat(codec.decode(codec.encode(trace))).isEqualTo(trace);
    }
}
