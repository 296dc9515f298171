package io.smoketrace.agent.spool;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceSpoolTest {

    @TempDir
    Path dir;

    private final List<Integer> dropped = new ArrayList<>();

    private TraceSpool open(long maxBytes, long segmentBytes) throws IOException {
        return TraceSpool.open(dir, maxBytes, segmentBytes, (records, bytes) -> dropped.add(records));
    }

    private static byte[] record(int i) {
        return ("{\"trace\":" + i + ",\"pad\":\"" + "x".repeat(80) + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    private static int number(TraceSpool.Entry e) {
        String text = new String(e.payload(), StandardCharsets.UTF_8);
        return Integer.parseInt(text.substring(9, text.indexOf(',')));
    }

    /** Drains everything, batch by batch, acknowledging as a publisher would. */
    private static List<Integer> drain(TraceSpool spool, int batch) throws IOException {
        List<Integer> seen = new ArrayList<>();
        List<TraceSpool.Entry> entries;
        while (!(entries = spool.peek(batch)).isEmpty()) {
            entries.forEach(e -> seen.add(number(e)));
            spool.acknowledge(entries);
        }
        return seen;
    }

    private long segmentFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".seg")).count();
        }
    }

    @Test
    void drainsInOrderAcrossSegmentsAndDeletesWhatWasAcknowledged() throws IOException {
        try (TraceSpool spool = open(1 << 20, 4096)) {
            for (int i = 0; i < 200; i++) {
                spool.append(record(i));
            }
            assertThat(spool.depth()).isEqualTo(200);
            assertThat(segmentFiles()).isGreaterThan(3);
            assertThat(drain(spool, 7)).containsExactlyElementsOf(java.util.stream.IntStream.range(0, 200).boxed().toList());
            assertThat(spool.depth()).isZero();
            assertThat(segmentFiles()).isEqualTo(1);
        }
    }

    @Test
    void nothingIsLostOrRepeatedAcrossAReopen() throws IOException {
        try (TraceSpool spool = open(1 << 20, 4096)) {
            for (int i = 0; i < 100; i++) {
                spool.append(record(i));
            }
            spool.acknowledge(spool.peek(30));
            // Peeked but never acknowledged (the broker did not answer before the crash): must come again.
            spool.peek(10);
        }
        try (TraceSpool spool = open(1 << 20, 4096)) {
            assertThat(spool.depth()).isEqualTo(70);
            spool.append(record(100));
            assertThat(drain(spool, 16)).containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(30, 100).boxed().toList());
        }
    }

    @Test
    void aRecordTornByACrashIsCutOffAndTheRestSurvives() throws IOException {
        try (TraceSpool spool = open(1 << 20, 1 << 16)) {
            for (int i = 0; i < 5; i++) {
                spool.append(record(i));
            }
        }
        Path segment;
        try (Stream<Path> files = Files.list(dir)) {
            segment = files.filter(p -> p.toString().endsWith(".seg")).findFirst().orElseThrow();
        }
        // Half a record: the length says 100 bytes follow, 3 do.
        Files.write(segment, new byte[] {0, 0, 0, 100, 1, 2, 3, 4, 'a', 'b', 'c'}, StandardOpenOption.APPEND);
        try (TraceSpool spool = open(1 << 20, 1 << 16)) {
            assertThat(spool.depth()).isEqualTo(5);
            spool.append(record(5));
            assertThat(drain(spool, 100)).containsExactly(0, 1, 2, 3, 4, 5);
        }
    }

    @Test
    void atTheBoundTheOldestAreDroppedAndCounted() throws IOException {
        try (TraceSpool spool = open(16_384, 4096)) {
            for (int i = 0; i < 1000; i++) {
                spool.append(record(i));
            }
            assertThat(spool.bytes()).isLessThanOrEqualTo(16_384);
            long kept = spool.depth();
            assertThat(dropped.stream().mapToInt(Integer::intValue).sum()).isEqualTo(1000 - kept);
            List<Integer> left = drain(spool, 50);
            assertThat(left).hasSize((int) kept);
            assertThat(left.getLast()).as("the newest are kept").isEqualTo(999);
            for (int i = 1; i < left.size(); i++) {
                assertThat(left.get(i)).isEqualTo(left.get(i - 1) + 1);
            }
        }
    }

    @Test
    void anAcknowledgementForRecordsDroppedMeanwhileCountsNothingTwice() throws IOException {
        try (TraceSpool spool = open(16_384, 4096)) {
            for (int i = 0; i < 10; i++) {
                spool.append(record(i));
            }
            List<TraceSpool.Entry> inFlight = spool.peek(10);
            for (int i = 10; i < 400; i++) {
                spool.append(record(i));
            }
            long depth = spool.depth();
            spool.acknowledge(inFlight);
            assertThat(spool.depth()).isEqualTo(depth);
            assertThat(drain(spool, 50).getLast()).isEqualTo(399);
            assertThat(spool.depth()).isZero();
        }
    }
}
