package io.smoketrace.agent.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class DenyListTest {

    private final DenyList deny = DenyList.of(List.of("224.0.0.0/4", "10.1.2.3/8", "ff00::/8", "2001:db8:dead::/48", "192.0.2.7"));

    @Test
    void deniesAddressesInsideAPrefixOfEitherFamily() {
        assertThat(deny.denying("239.1.2.3")).isEqualTo("224.0.0.0/4");
        assertThat(deny.denying("10.200.0.1")).as("host bits in the config are ignored").isEqualTo("10.0.0.0/8");
        assertThat(deny.denying("ff02::1")).isEqualTo("ff00::/8");
        assertThat(deny.denying("2001:db8:dead:beef::1")).isEqualTo("2001:db8:dead::/48");
        assertThat(deny.denying("192.0.2.7")).isEqualTo("192.0.2.7");
        assertThat(deny.denying("::ffff:239.1.2.3")).as("an IPv4-mapped address reaches the IPv4 host").isEqualTo("224.0.0.0/4");
    }

    @Test
    void letsEverythingElseThrough() {
        assertThat(deny.denying("192.0.2.8")).isNull();
        assertThat(deny.denying("11.0.0.1")).isNull();
        assertThat(deny.denying("2001:db8:beef::1")).isNull();
        assertThat(DenyList.EMPTY.denying("224.0.0.1")).isNull();
    }

    @Test
    void refusesWhatIsNotAPrefix() {
        assertThatThrownBy(() -> DenyList.of(List.of("10.0.0.0/8", "not-a-prefix")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'not-a-prefix'");
        assertThatThrownBy(() -> DenyList.of(List.of("10.0.0.0/33"))).isInstanceOf(IllegalArgumentException.class);
    }
}
