package io.smoketrace.bgp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smoketrace.bgp.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command line: dispatch, exit codes (0 ok, 1 bad input, 2 usage), messages naming file, offset
 * and reason, and {@code bmp-dump}'s JSON lines.
 */
class BgpCollectorCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private record Run(int exit, String out, String err) {
    }

    private static Run run(InputStream stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = BgpCollectorCommand.run(List.of(args), stdin, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Run run(String... args) {
        return run(InputStream.nullInputStream(), args);
    }

    private static byte[] bmpStream(String pcap) {
        return TestData.capture("bmp/pmacct/" + pcap).streamsTo(1790).getFirst().payload();
    }

    @Test
    void withoutACommandPrintsUsageAndExits2() {
        Run run = run();

        assertThat(run.exit()).isEqualTo(Command.EXIT_USAGE);
        assertThat(run.err()).contains("mrt-dump").contains("bmp-dump");
    }

    @Test
    void unknownCommandExits2() {
        Run run = run("mrt-export", "x");

        assertThat(run.exit()).isEqualTo(Command.EXIT_USAGE);
        assertThat(run.err()).contains("unknown command 'mrt-export'").contains("mrt-import");
    }

    @Test
    void wrongArgumentCountExits2() {
        assertThat(run("mrt-dump").exit()).isEqualTo(Command.EXIT_USAGE);
        assertThat(run("bmp-dump", "a", "b").exit()).isEqualTo(Command.EXIT_USAGE);
    }

    @Test
    void missingFileExits1NamingIt(@TempDir Path dir) {
        Run run = run("mrt-dump", dir.resolve("absent.mrt").toString());

        assertThat(run.exit()).isEqualTo(Command.EXIT_BAD_INPUT);
        assertThat(run.err()).contains("absent.mrt").contains("no such file");
    }

    @Test
    void aFileThatIsNotMrtExits1WithTheOffsetOfTheProblem() {
        Run run = run("mrt-dump", TestData.path("bgp/tcpdump/bgp-evpn.pcap").toString());

        assertThat(run.exit()).isEqualTo(Command.EXIT_BAD_INPUT);
        assertThat(run.err()).contains("bgp-evpn.pcap").contains("offset 0");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void mrtDumpReadsStandardInput() throws IOException {
        Run run = run(TestData.open("mrt/bgpdump/bview.ipv4_unicast_add_path.gz"), "mrt-dump", "-");

        assertThat(run.exit()).isZero();
        assertThat(run.out().lines()).hasSize(62).allSatisfy(line -> assertThat(line).startsWith("TABLE_DUMP2_AP|1452168107|B|"));
    }

    @Test
    void bmpDumpPrintsOneJsonLinePerMessage(@TempDir Path dir) throws IOException {
        Path stream = Files.write(dir.resolve("router.bmp"), bmpStream("204-BMP-CISCO-peer_down.pcap"));

        Run run = run("bmp-dump", stream.toString());

        assertThat(run.exit()).isZero();
        Map<String, Integer> kinds = new TreeMap<>();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : run.out().lines().toList()) {
            JsonNode json = JSON.readTree(line);
            lines.add(json);
            kinds.merge(json.get("kind").asText(), 1, Integer::sum);
        }
        // The counts SOURCES.md gives for this capture.
        assertThat(kinds).containsExactlyInAnyOrderEntriesOf(Map.of("RouteMonitoring", 301, "StatisticsReport", 28,
                "PeerDownNotification", 3, "PeerUpNotification", 10, "InitiationMessage", 1));
        JsonNode firstUp = lines.stream().filter(line -> line.get("kind").asText().equals("PeerUpNotification")).findFirst().orElseThrow();
        assertThat(firstUp.at("/sentOpen/kind").asText()).isEqualTo("OpenMessage");
        assertThat(firstUp.at("/peer/peerAs").asLong()).isPositive();
        assertThat(lines.getFirst().get("offset").asLong()).isZero();
    }

    @Test
    void bmpDumpOfACutOffStreamExits1WithTheOffset() {
        byte[] stream = bmpStream("202-BMP-CISCO-HUAWEI-multiple-sources.traffic-02.pcap");

        Run run = run(new ByteArrayInputStream(stream), "bmp-dump", "-");

        // The capture ends 156 octets into its last message, which starts at offset 12503.
        assertThat(run.exit()).isEqualTo(Command.EXIT_BAD_INPUT);
        assertThat(run.err()).contains("offset 12503").contains("156 octets into a message");
        assertThat(run.out().lines()).hasSize(66);
    }

    @Test
    void bmpDumpReportsABrokenMessageAndGoesOn() throws IOException {
        byte[] stream = bmpStream("200-BMP-HUAWEI-locrib_instance.pcap");
        byte[] broken = Arrays.copyOf(stream, stream.length);
        // The first message is the Initiation; make its type unknown.
        broken[5] = 42;

        Run run = run(new ByteArrayInputStream(broken), "bmp-dump", "-");

        assertThat(run.exit()).isZero();
        JsonNode first = JSON.readTree(run.out().lines().findFirst().orElseThrow());
        assertThat(first.get("error").asText()).contains("unknown message type 42");
        assertThat(run.out().lines()).hasSize(103);
    }

    @Test
    void bmpDumpStopsWhenTheFramingIsLost() {
        byte[] stream = bmpStream("200-BMP-HUAWEI-locrib_instance.pcap");
        byte[] broken = stream.clone();
        broken[0] = 1;

        Run run = run(new ByteArrayInputStream(broken), "bmp-dump", "-");

        assertThat(run.exit()).isEqualTo(Command.EXIT_BAD_INPUT);
        assertThat(run.err()).contains("offset 0").contains("BMP version 1");
    }
}
