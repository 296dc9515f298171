package io.smoketrace.common.net;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Ipv6TextTest {

    @ParameterizedTest
    @CsvSource({
            "2001:db8:0:0:0:0:0:1, 2001:db8::1",
            "0:0:0:0:0:0:0:0, ::",
            "0:0:0:0:0:0:0:1, ::1",
            "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",   // the first of two equal runs
            "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1", // a single zero group is not compressed
            "2001:0:0:1:0:0:0:1, 2001:0:0:1::1",          // the longest run wins
            "fe80:0:0:0:0:0:0:0, fe80::"})
    void formatsCanonically(String groups, String expected) {
        int[] values = new int[8];
        String[] parts = groups.split(":");
        for (int i = 0; i < 8; i++) {
            values[i] = Integer.parseInt(parts[i], 16);
        }
        assertThat(Ipv6Text.format(values)).isEqualTo(expected);
    }
}
