package io.smoketrace.bgp.codec.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.smoketrace.bgp.codec.mrt.MrtReader;
import io.smoketrace.bgp.codec.mrt.MrtRecord;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Optional;

/**
 * Fuzz target for the MRT reader: any octets yield records and reported errors, never an exception
 * (the in-memory stream cannot fail, so even {@link IOException} would be a bug).
 */
class MrtReaderFuzzTest {

    @FuzzTest(maxDuration = "1m")
    void readsOrReports(byte[] input) throws IOException {
        try (MrtReader reader = new MrtReader(new ByteArrayInputStream(input), error -> { })) {
            for (Optional<MrtRecord> record = reader.next(); record.isPresent(); record = reader.next()) {
                record.get().header();
            }
        }
    }
}
