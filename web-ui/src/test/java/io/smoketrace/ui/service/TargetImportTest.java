package io.smoketrace.ui.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TargetImportTest {

    @Test
    void columnsDefaultsAndSkippedLines() {
        List<TargetImport.Line> lines = TargetImport.parse("""
                host,tool,protocol,port,interval,tags
                # a comment

                192.0.2.10
                www.example.net,MTR,TCP,443,30,web,customer-facing
                2001:db8::53,,udp,53,120,dns
                198.51.100.7,TCPTRACEROUTE,,80
                """, "fra1", "europe");
        assertThat(lines).extracting(TargetImport.Line::number).containsExactly(4, 5, 6, 7);

        TargetForm plain = lines.get(0).form();
        assertThat(plain.value("targetId")).isEqualTo("192.0.2.10");
        assertThat(plain.value("tool")).isEqualTo("MTR");
        assertThat(plain.value("protocol")).isEqualTo("ICMP");
        assertThat(plain.value("intervalSeconds")).isEqualTo("60");
        assertThat(plain.value("selector.agents")).isEqualTo("fra1");
        assertThat(plain.value("selector.tags")).isEqualTo("europe");

        TargetForm web = lines.get(1).form();
        assertThat(web.value("targetId")).isEqualTo("www.example.net-tcp-443");
        assertThat(web.value("intervalSeconds")).isEqualTo("30");
        assertThat(web.value("timeoutSeconds")).isEqualTo("25");
        assertThat(web.value("tags")).isEqualTo("web, customer-facing");

        assertThat(lines.get(2).form().value("targetId")).isEqualTo("2001-db8--53-udp-53");
        assertThat(lines.get(2).form().value("protocol")).isEqualTo("UDP");
        assertThat(lines.get(3).form().value("protocol")).isEqualTo("TCP");
    }

    @Test
    void everyLineIsValidatedLikeTheForm() {
        List<TargetImport.Line> lines = TargetImport.parse("192.0.2.10,MTR,TCP\nbad host", "", "");
        assertThat(TargetRules.check(lines.get(0).form(), "alice", java.time.Instant.now()).form().errors())
                .containsKey("port");
        assertThat(TargetRules.check(lines.get(1).form(), "alice", java.time.Instant.now()).form().errors())
                .containsKey("host");
    }
}
