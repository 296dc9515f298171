package io.smoketrace.analyzer.rib;

import static io.smoketrace.analyzer.fixtures.Routes.T0;
import static io.smoketrace.analyzer.fixtures.Routes.announce;
import static io.smoketrace.analyzer.fixtures.Routes.route;
import static io.smoketrace.analyzer.fixtures.Routes.withdraw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smoketrace.common.event.PathSnapshot.AddressClass;
import java.util.List;
import org.junit.jupiter.api.Test;

class RibTest {

    private final Rib rib = new Rib(RibConfig.defaults());

    @Test
    void answersPrefixOriginAndEveryPeersPath() {
        rib.upsert(route("bgp:192.0.2.1", "203.0.113.0/24", "64500 64501 64510"));
        rib.upsert(route("bgp:192.0.2.2", "203.0.113.0/24", "64502 64510"));
        rib.upsert(route("bgp:192.0.2.1", "203.0.0.0/16", "64500 64520"));

        RibMatch match = rib.lookup(IpAddress.parse("203.0.113.10"));
        assertThat(match.prefix()).isEqualTo(IpPrefix.parse("203.0.113.0/24"));
        RouteSet routes = match.routes();
        assertThat(routes.originAs()).isEqualTo(64510L);
        assertThat(routes.routes()).extracting(r -> r.attributes().asPathText())
                .containsExactly("64500 64501 64510", "64502 64510");
        assertThat(routes.best().peer().peerId()).isEqualTo("bgp:192.0.2.2");
        assertThat(rib.lookup(IpAddress.parse("203.0.1.1")).routes().originAs()).isEqualTo(64520L);
        assertThat(rib.lookup(IpAddress.parse("198.51.100.1"))).isNull();
    }

    @Test
    void bestRouteIsTheOriginMostPeersAgreeOnThenShortestPathThenLowestPeer() {
        // A MOAS conflict: one peer hears a (hijacking or misconfigured) shorter path from 64666.
        rib.upsert(route("bgp:192.0.2.1", "198.51.100.0/24", "64500 64501 64510"));
        rib.upsert(route("bgp:192.0.2.2", "198.51.100.0/24", "64502 64503 64510"));
        rib.upsert(route("bgp:192.0.2.3", "198.51.100.0/24", "64666"));
        RouteSet routes = rib.exact(IpPrefix.parse("198.51.100.0/24"));
        assertThat(routes.originAs()).isEqualTo(64510L);
        assertThat(routes.best().peer().peerId()).isEqualTo("bgp:192.0.2.1");

        rib.upsert(route("bgp:192.0.2.2", "198.51.100.0/24", "64502 64510"));
        assertThat(rib.exact(IpPrefix.parse("198.51.100.0/24")).best().peer().peerId()).isEqualTo("bgp:192.0.2.2");
    }

    @Test
    void originOfAPathEndingInASetIsUnknown() {
        rib.upsert(route("bgp:192.0.2.1", "198.51.100.0/24", "64500 {64510,64511}"));
        RouteSet routes = rib.lookup(IpAddress.parse("198.51.100.1")).routes();
        assertThat(routes.originAs()).isNull();
        assertThat(routes.best().asSequence()).containsExactly(64500L, 64510L, 64511L);
        assertThat(rib.annotate("198.51.100.1").originAs()).isNull();
    }

    @Test
    void withdrawByTopicKeyAndByUpdateReturnsTheRouteThatWent() {
        rib.upsert(route("bgp:192.0.2.1", "203.0.113.0/24", "64500 64510"));
        rib.upsert(route("bgp:192.0.2.1", "203.0.113.0/24", 7, "64500 64499 64510"));
        rib.upsert(route("bgp:192.0.2.2", "203.0.113.0/24", "64502 64510"));

        assertThat(rib.withdraw("bgp:192.0.2.1|203.0.113.0/24|7").attributes().asPathText()).isEqualTo("64500 64499 64510");
        assertThat(rib.exact(IpPrefix.parse("203.0.113.0/24")).routes()).hasSize(2);
        assertThat(rib.apply(withdraw("bgp:192.0.2.1", "203.0.113.0/24", T0)).peer().peerId()).isEqualTo("bgp:192.0.2.1");
        assertThat(rib.withdraw("bgp:192.0.2.1|203.0.113.0/24")).isNull();
        PeerRoute previous = rib.apply(announce("bgp:192.0.2.2", "203.0.113.0/24", "64502 64503 64510", T0));
        assertThat(previous.attributes().asPathText()).isEqualTo("64502 64510");
        assertThat(rib.withdraw("bgp:192.0.2.2|203.0.113.0/24").attributes().asPathText()).isEqualTo("64502 64503 64510");
        assertThat(rib.lookup(IpAddress.parse("203.0.113.1"))).isNull();
        assertThatThrownBy(() -> rib.withdraw("no key")).hasMessageContaining("not a RIB key");
    }

    @Test
    void prefixesWithEqualRoutesShareOneCopyAndTheCopiesGoWithTheLastRoute() {
        for (int i = 0; i < 100; i++) {
            rib.upsert(route("bgp:192.0.2.1", "10." + i + ".0.0/16", "64500 64510"));
            rib.upsert(route("bgp:192.0.2.2", "10." + i + ".0.0/16", "64502 64510"));
        }
        assertThat(rib.stats()).isEqualTo(new Rib.RibStats(100, 0, 2, 2, 2, 1));
        rib.upsert(route("bgp:192.0.2.1", "10.0.0.0/16", "64500 64510"));
        assertThat(rib.stats().routeSets()).isEqualTo(1);
        for (int i = 0; i < 100; i++) {
            rib.withdraw("bgp:192.0.2.1|10." + i + ".0.0/16");
        }
        assertThat(rib.stats()).isEqualTo(new Rib.RibStats(100, 0, 2, 1, 1, 1));
        for (int i = 0; i < 100; i++) {
            rib.withdraw("bgp:192.0.2.2|10." + i + ".0.0/16");
        }
        assertThat(rib.stats()).isEqualTo(new Rib.RibStats(0, 0, 2, 0, 0, 0));
    }

    @Test
    void specialAddressesAreMarkedNeverLookedUp() {
        rib.upsert(route("bgp:192.0.2.1", "0.0.0.0/0", "64500"));
        rib.upsert(route("bgp:192.0.2.1", "::/0", "64500"));
        assertThat(rib.annotate("10.1.2.3").addressClass()).isEqualTo(AddressClass.PRIVATE);
        assertThat(rib.annotate("172.31.0.1").addressClass()).isEqualTo(AddressClass.PRIVATE);
        assertThat(rib.annotate("172.32.0.1").addressClass()).isEqualTo(AddressClass.PUBLIC);
        assertThat(rib.annotate("192.168.1.1").addressClass()).isEqualTo(AddressClass.PRIVATE);
        assertThat(rib.annotate("fd12:3456::1").addressClass()).isEqualTo(AddressClass.PRIVATE);
        assertThat(rib.annotate("100.64.0.1").addressClass()).isEqualTo(AddressClass.SHARED);
        assertThat(rib.annotate("100.128.0.1").addressClass()).isEqualTo(AddressClass.PUBLIC);
        assertThat(rib.annotate("169.254.10.1").addressClass()).isEqualTo(AddressClass.LINK_LOCAL);
        assertThat(rib.annotate("fe80::1").addressClass()).isEqualTo(AddressClass.LINK_LOCAL);
        assertThat(rib.annotate("127.0.0.1").addressClass()).isEqualTo(AddressClass.LOOPBACK);
        assertThat(rib.annotate("::1").addressClass()).isEqualTo(AddressClass.LOOPBACK);
        assertThat(rib.annotate("*")).isEqualTo(AddressAnnotation.NO_REPLY);
        assertThat(rib.annotate("10.1.2.3").originAs()).isNull();
        assertThat(rib.annotate("8.8.8.8")).isEqualTo(new AddressAnnotation(AddressClass.PUBLIC, "0.0.0.0/0", 64500L, null));
    }

    @Test
    void documentationRangesArePublicUnlessConfiguredSpecial() {
        rib.upsert(route("bgp:192.0.2.1", "198.51.100.0/24", "64500 64501"));
        assertThat(rib.annotate("198.51.100.7")).isEqualTo(new AddressAnnotation(AddressClass.PUBLIC, "198.51.100.0/24", 64501L, null));
        assertThat(rib.annotate("192.0.2.7").addressClass()).isEqualTo(AddressClass.UNROUTED);

        Rib strict = new Rib(new RibConfig(true, List.of()));
        strict.upsert(route("bgp:192.0.2.1", "198.51.100.0/24", "64500 64501"));
        assertThat(strict.annotate("198.51.100.7")).isEqualTo(AddressAnnotation.special(AddressClass.DOCUMENTATION));
        assertThat(strict.annotate("2001:db8::5").addressClass()).isEqualTo(AddressClass.DOCUMENTATION);
    }

    @Test
    void exchangeLansAreMarkedWithTheExchangeName() {
        Rib withIxp = new Rib(new RibConfig(false, List.of(new RibConfig.IxpLan("LAB-IX", "198.51.100.0/25"),
                new RibConfig.IxpLan("PRIVATE-IX", "10.99.0.0/16"))));
        withIxp.upsert(route("bgp:192.0.2.1", "198.51.100.0/24", "64500 64501"));
        assertThat(withIxp.annotate("198.51.100.7")).isEqualTo(new AddressAnnotation(AddressClass.IXP, null, null, "LAB-IX"));
        assertThat(withIxp.annotate("198.51.100.200").addressClass()).isEqualTo(AddressClass.PUBLIC);
        assertThat(withIxp.annotate("10.99.1.1").ixpName()).isEqualTo("PRIVATE-IX");
        assertThatThrownBy(() -> new Rib(new RibConfig(false, List.of(new RibConfig.IxpLan("BAD-IX", "185.1.2/24")))))
                .hasMessageContaining("BAD-IX").hasMessageContaining("CIDR");
    }
}
