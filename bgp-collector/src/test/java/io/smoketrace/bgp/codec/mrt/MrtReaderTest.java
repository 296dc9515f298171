package io.smoketrace.bgp.codec.mrt;

import io.smoketrace.bgp.TestData;
import io.smoketrace.bgp.codec.bgp.UpdateMessage;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reading real MRT update files whole, compressed three ways, and damaged: every bad record is reported
 * with its offset and reading goes on with the next good one.
 */
class MrtReaderTest {

    private static final String FILE = "mrt/bgpdump/updates.20020722.2238.gz";
    /** From bgpdump -m of this file (SOURCES.md): 3337 lines from 1121 records. */
    private static final int RECORDS = 1121;

    private static byte[] plain;
    private static List<Long> offsets;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = new GZIPInputStream(TestData.open(FILE))) {
            plain = in.readAllBytes();
        }
        offsets = new ArrayList<>();
        ByteBuffer records = ByteBuffer.wrap(plain);
        for (int at = 0; at < plain.length; at += MrtHeader.LENGTH + records.getInt(at + 8)) {
            offsets.add((long) at);
        }
    }

    private record Result(List<MrtRecord> records, List<MrtDecodeException> errors) {
    }

    private static Result read(InputStream in) throws IOException {
        List<MrtDecodeException> errors = new ArrayList<>();
        List<MrtRecord> records = new ArrayList<>();
        try (MrtReader reader = new MrtReader(MrtReader.decompressing(in), errors::add)) {
            for (Optional<MrtRecord> record = reader.next(); record.isPresent(); record = reader.next()) {
                records.add(record.get());
            }
        }
        return new Result(records, errors);
    }

    private static Result read(byte[] octets) throws IOException {
        return read(new ByteArrayInputStream(octets));
    }

    @Test
    void readsPlainGzipAndBzip2Alike() throws IOException {
        ByteArrayOutputStream bzip2 = new ByteArrayOutputStream();
        try (BZip2CompressorOutputStream out = new BZip2CompressorOutputStream(bzip2)) {
            out.write(plain);
        }

        Result fromPlain = read(plain);
        Result fromGzip = read(TestData.open(FILE));
        Result fromBzip2 = read(bzip2.toByteArray());

        assertThat(offsets).hasSize(RECORDS);
        assertThat(fromPlain.records()).hasSize(RECORDS);
        assertThat(fromPlain.errors()).isEmpty();
        assertThat(fromGzip).isEqualTo(fromPlain);
        assertThat(fromBzip2).isEqualTo(fromPlain);
        assertThat(fromPlain.records()).extracting(record -> record.header().offset()).isEqualTo(offsets);
    }

    @Test
    void truncatedLastRecordIsReportedAtItsOffset() throws IOException {
        long last = offsets.getLast();

        Result result = read(Arrays.copyOf(plain, (int) last + 20));

        assertThat(result.records()).hasSize(RECORDS - 1);
        assertThat(result.errors()).singleElement().satisfies(error -> {
            assertThat(error.offset()).isEqualTo(last);
            assertThat(error).hasMessageContaining("file ends");
        });
    }

    @Test
    void truncatedHeaderAtTheEndIsReported() throws IOException {
        long last = offsets.getLast();

        Result result = read(Arrays.copyOf(plain, (int) last + 5));

        assertThat(result.records()).hasSize(RECORDS - 1);
        assertThat(result.errors()).singleElement().extracting(MrtDecodeException::offset).isEqualTo(last);
    }

    @Test
    void corruptRecordIsSkippedAndTheNextOneRead() throws IOException {
        int victim = offsets.get(100).intValue();
        byte[] damaged = plain.clone();
        // Break the BGP marker inside a BGP4MP message record: the record's length still holds.
        int marker = victim + MrtHeader.LENGTH + 16;
        damaged[marker] = 0;

        Result result = read(damaged);

        assertThat(result.records()).hasSize(RECORDS - 1);
        assertThat(result.errors()).singleElement().satisfies(error -> {
            assertThat(error.offset()).isEqualTo(victim);
            assertThat(error).hasMessageContaining("marker");
        });
        assertThat(result.records().get(100).header().offset()).isEqualTo(offsets.get(101));
    }

    @Test
    void corruptLengthResynchronisesOnTheNextHeader() throws IOException {
        int victim = offsets.get(200).intValue();
        byte[] damaged = plain.clone();
        damaged[victim + 8] = 0x7F;

        Result result = read(damaged);

        assertThat(result.errors()).singleElement().extracting(MrtDecodeException::offset).isEqualTo((long) victim);
        assertThat(result.records()).hasSize(RECORDS - 1);
        assertThat(result.records().get(200).header().offset()).isEqualTo(offsets.get(201));
    }

    @Test
    void garbageBetweenRecordsIsSkipped() throws IOException {
        int at = offsets.get(300).intValue();
        byte[] garbage = new byte[37];
        Arrays.fill(garbage, (byte) 0x5A);
        byte[] damaged = concat(Arrays.copyOf(plain, at), garbage, Arrays.copyOfRange(plain, at, plain.length));

        Result result = read(damaged);

        assertThat(result.records()).hasSize(RECORDS);
        assertThat(result.errors()).singleElement().extracting(MrtDecodeException::offset).isEqualTo((long) at);
        assertThat(result.records().get(300).header().offset()).isEqualTo(at + garbage.length);
    }

    @Test
    void unknownTypeIsReportedAndSkippedByItsLength() throws IOException {
        int at = offsets.get(10).intValue();
        // OSPFv2 (type 11), which this codec does not decode, with a 4-octet body.
        byte[] unknown = {0x3D, 0x3B, (byte) 0xEE, 0x6B, 0, 11, 0, 0, 0, 0, 0, 4, 1, 2, 3, 4};
        byte[] withUnknown = concat(Arrays.copyOf(plain, at), unknown, Arrays.copyOfRange(plain, at, plain.length));

        Result result = read(withUnknown);

        assertThat(result.records()).hasSize(RECORDS);
        assertThat(result.errors()).singleElement().satisfies(error -> {
            assertThat(error.offset()).isEqualTo(at);
            assertThat(error).hasMessageContaining("unsupported type 11");
        });
    }

    @Test
    void updatesCarryTheirSessionAndMessage() throws IOException {
        Bgp4mpMessage first = read(plain).records().stream().filter(Bgp4mpMessage.class::isInstance)
                .map(Bgp4mpMessage.class::cast).filter(message -> message.message() instanceof UpdateMessage)
                .findFirst().orElseThrow();

        // bgpdump -m: "BGP4MP|1027377522|W|193.203.0.81|20751|200.31.199.0/24"
        assertThat(first.header().timestamp()).isEqualTo(1027377522L);
        assertThat(first.peerAddress().getHostAddress()).isEqualTo("193.203.0.81");
        assertThat(first.peerAs()).isEqualTo(20751);
        assertThat(((UpdateMessage) first.message()).withdrawnRoutes().getFirst().prefix()).hasToString("200.31.199.0/24");
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
