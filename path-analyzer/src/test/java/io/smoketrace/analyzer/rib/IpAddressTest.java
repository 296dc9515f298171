package io.smoketrace.analyzer.rib;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import inet.ipaddr.IPAddressString;
import io.smoketrace.common.trace.AddressFamily;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressTest {

    @Test
    void parsesAndFormatsLikeTheIpAddressLibrary() {
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            long hi = random.nextLong();
            long lo = random.nextLong();
            // Zero runs are where RFC 5952 formatting goes wrong, so make plenty of them.
            if (random.nextBoolean()) {
                hi &= random.nextLong();
                lo &= random.nextLong() & random.nextLong();
            }
            IpAddress ours = IpAddress.ipv6(hi, lo);
            String canonical = new IPAddressString(ours.toString()).getAddress().toCanonicalString();
            assertThat(ours.toString()).isEqualTo(canonical);
            assertThat(IpAddress.parse(canonical)).isEqualTo(ours);
            String full = new IPAddressString(canonical).getAddress().toFullString();
            assertThat(IpAddress.parse(full)).isEqualTo(ours);

            IpAddress v4 = IpAddress.ipv4(random.nextInt());
            assertThat(v4.toString()).isEqualTo(new IPAddressString(v4.toString()).getAddress().toCanonicalString());
            assertThat(IpAddress.parse(v4.toString())).isEqualTo(v4);
        }
    }

    @Test
    void readsTheIpv6FormsToolsPrint() {
        assertThat(IpAddress.parse("::")).isEqualTo(IpAddress.ipv6(0, 0));
        assertThat(IpAddress.parse("::1")).isEqualTo(IpAddress.ipv6(0, 1));
        assertThat(IpAddress.parse("2001:DB8::1")).isEqualTo(IpAddress.ipv6(0x20010db800000000L, 1));
        assertThat(IpAddress.parse("fe80::1%eth0")).isEqualTo(IpAddress.ipv6(0xfe80000000000000L, 1));
        assertThat(IpAddress.parse("::ffff:192.0.2.1")).isEqualTo(IpAddress.ipv6(0, 0x0000ffffc0000201L));
        assertThat(IpAddress.parse("2001:db8::").toString()).isEqualTo("2001:db8::");
        assertThat(IpAddress.parse("2001:db8:0:0:1:0:0:1").toString()).isEqualTo("2001:db8::1:0:0:1");
        assertThat(IpAddress.parse("192.0.2.1").family()).isEqualTo(AddressFamily.IPV4);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "*", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1.2.3.4.", ".1.2.3", "1..2.3", "a.b.c.d",
            "1:2", ":1", "1::2::3", "1:2:3:4:5:6:7:8:9", "12345::", "1::2:3:4:5:6:7:8", "1:2:3:4:5:6:7:1.2.3.4", "1:", "g::1",
            "router.example.net"})
    void rejectsWhatIsNotAnAddress(String text) {
        assertThat(IpAddress.tryParse(text)).isNull();
    }

    @Test
    void prefixesClearHostBitsAndKnowWhatTheyContain() {
        IpPrefix prefix = IpPrefix.parse("203.0.113.77/24");
        assertThat(prefix.toString()).isEqualTo("203.0.113.0/24");
        assertThat(prefix.contains(IpAddress.parse("203.0.113.255"))).isTrue();
        assertThat(prefix.contains(IpAddress.parse("203.0.114.0"))).isFalse();
        assertThat(prefix.last()).isEqualTo(IpAddress.parse("203.0.113.255"));
        assertThat(prefix.covers(IpPrefix.parse("203.0.113.128/25"))).isTrue();
        assertThat(prefix.covers(IpPrefix.parse("203.0.112.0/23"))).isFalse();

        IpPrefix v6 = IpPrefix.parse("2001:db8:1:2::/63");
        assertThat(v6.toString()).isEqualTo("2001:db8:1:2::/63");
        assertThat(v6.contains(IpAddress.parse("2001:db8:1:3:ffff::1"))).isTrue();
        assertThat(v6.contains(IpAddress.parse("2001:db8:1:4::"))).isFalse();
        assertThat(v6.contains(IpAddress.parse("192.0.2.1"))).isFalse();
        assertThat(IpPrefix.parse("::/0").contains(IpAddress.parse("2001:db8::1"))).isTrue();
        assertThat(IpPrefix.parse("2001:db8::1/128").last()).isEqualTo(IpAddress.parse("2001:db8::1"));

        assertThatThrownBy(() -> IpPrefix.parse("192.0.2.0/33")).hasMessageContaining("out of range");
        assertThatThrownBy(() -> IpPrefix.parse("192.0.2.0/x")).hasMessageContaining("not a prefix");
    }
}
