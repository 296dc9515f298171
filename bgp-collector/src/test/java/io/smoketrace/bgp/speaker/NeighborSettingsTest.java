package io.smoketrace.bgp.speaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smoketrace.bgp.codec.bgp.AfiSafi;
import io.smoketrace.bgp.config.CollectorConfig.PeerConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class NeighborSettingsTest {

    private record Peer(String address, long remoteAs, long localAs, String routerId, int holdTime, List<String> families,
                        boolean addPathReceive, boolean passive, int port, int delayOpenTime,
                        boolean dampPeerOscillations) implements PeerConfig {
    }

    private static Peer peer(String address, String routerId, int holdTime, String... families) {
        return new Peer(address, 64500, 65000, routerId, holdTime, List.of(families), false, true, 179, 0, true);
    }

    @Test
    void aGoodEntryIsAccepted() {
        NeighborSettings settings = NeighborSettings.of(0, peer("2001:db8::1", "192.0.2.254", 90, "ipv4-unicast", "ipv6-unicast"));

        assertThat(settings.families()).containsExactlyInAnyOrder(AfiSafi.IPV4_UNICAST, AfiSafi.IPV6_UNICAST);
        assertThat(settings.addressText()).isEqualTo("2001:db8::1");
    }

    @Test
    void badEntriesNameTheKeyAndTheFix() {
        assertThatThrownBy(() -> NeighborSettings.of(2, peer("router1.example", "192.0.2.254", 90, "ipv4-unicast")))
                .hasMessageContaining("smoketrace.bgp.peers[2].address").hasMessageContaining("not an IP address");
        assertThatThrownBy(() -> NeighborSettings.of(0, peer("192.0.2.1", "2001:db8::1", 90, "ipv4-unicast")))
                .hasMessageContaining("smoketrace.bgp.peers[0].router-id").hasMessageContaining("IPv4");
        assertThatThrownBy(() -> NeighborSettings.of(0, peer("192.0.2.1", "192.0.2.254", 90, "l2vpn-evpn")))
                .hasMessageContaining("smoketrace.bgp.peers[0]").hasMessageContaining("ipv4-unicast or ipv6-unicast");
        assertThatThrownBy(() -> NeighborSettings.of(0, peer("192.0.2.1", "192.0.2.254", 2, "ipv4-unicast")))
                .hasMessageContaining("hold time 2");
        assertThatThrownBy(() -> NeighborSettings.of(1, new Peer("192.0.2.1", 64500, 65000, "192.0.2.254", 90,
                List.of("ipv4-unicast"), false, true, 179, -1, true)))
                .hasMessageContaining("smoketrace.bgp.peers[1]").hasMessageContaining("delay-open-time -1");
    }

    @Test
    void delayOpenAndDampingAreTakenFromTheEntry() {
        NeighborSettings settings = NeighborSettings.of(0, new Peer("192.0.2.1", 64500, 65000, "192.0.2.254", 90,
                List.of("ipv4-unicast"), false, true, 179, 5, false));

        assertThat(settings.delayOpenTime()).isEqualTo(5);
        assertThat(settings.dampPeerOscillations()).isFalse();
    }
}
