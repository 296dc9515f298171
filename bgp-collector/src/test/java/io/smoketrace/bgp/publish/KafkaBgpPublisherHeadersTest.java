package io.smoketrace.bgp.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.smoketrace.common.serde.CloudEventHeaders;
import io.smoketrace.common.topic.TopicSpec;
import io.smoketrace.common.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.junit.jupiter.api.Test;

/** The publisher's fast CloudEvents headers carry what {@link CloudEventHeaders#create} would write. */
class KafkaBgpPublisherHeadersTest {

    @Test
    void theHeadersMatchTheCloudEventsContract() {
        TopicSpec rib = Topics.ALL.stream().filter(t -> t.name().equals(Topics.BGP_RIB)).findFirst().orElseThrow();
        try (KafkaBgpPublisher publisher = new KafkaBgpPublisher(KafkaBgpPublisher.producerProperties("localhost:1", 5, 16384,
                "none", 1 << 20), "headers-test")) {
            Headers first = publisher.headers(rib);
            Headers second = publisher.headers(rib);
            Headers reference = CloudEventHeaders.create(rib, "/smoketrace/bgp-collector/headers-test", "x", Instant.now());

            assertThat(Arrays.stream(first.toArray()).map(Header::key))
                    .containsExactlyElementsOf(Arrays.stream(reference.toArray()).map(Header::key).toList());
            for (String constant : new String[] {CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.TYPE, CloudEventHeaders.SOURCE,
                    CloudEventHeaders.CONTENT_TYPE}) {
                assertThat(CloudEventHeaders.read(first, constant)).isEqualTo(CloudEventHeaders.read(reference, constant));
            }
            assertThat(CloudEventHeaders.read(first, CloudEventHeaders.TYPE)).isEqualTo("io.smoketrace.bgp.rib.v1");
            assertThat(CloudEventHeaders.read(first, CloudEventHeaders.ID)).isNotEqualTo(CloudEventHeaders.read(second,
                    CloudEventHeaders.ID));
            Instant time = Instant.parse(new String(first.lastHeader(CloudEventHeaders.TIME).value(), StandardCharsets.UTF_8));
            assertThat(Duration.between(time, Instant.now()).abs()).isLessThan(Duration.ofMinutes(1));
        }
    }
}
