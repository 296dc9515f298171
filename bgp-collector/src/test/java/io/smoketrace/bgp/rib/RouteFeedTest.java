package io.smoketrace.bgp.rib;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smoketrace.bgp.codec.Octets;
import io.smoketrace.bgp.codec.bgp.AttributeError;
import io.smoketrace.bgp.codec.bgp.ErrorAction;
import io.smoketrace.bgp.codec.bgp.NotificationMessage;
import io.smoketrace.bgp.mapping.RouteMapping;
import io.smoketrace.bgp.publish.RecordingPublisher;
import io.smoketrace.common.bgp.PeerRef;
import io.smoketrace.common.bgp.RibRoute;
import io.smoketrace.common.bgp.RouteSource;
import io.smoketrace.common.bgp.RouteUpdate.Action;
import io.smoketrace.common.serde.TopicCodec;
import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouteFeedTest {

    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
    private static final Instant T1 = T0.plusSeconds(60);

    private final RecordingPublisher published = new RecordingPublisher();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final RouteFeed feed = new RouteFeed(published, new BgpMetrics(registry), "collector-1");
    private final AdjRibIn rib = new AdjRibIn();
    private final PeerRef peer = RouteMapping.sessionPeer(address("192.0.2.1"), 64500, "192.0.2.1");

    @Test
    void anAnnouncementIsAnUpdatePerPrefixAndARibRoute() {
        feed.apply(peer, RouteSource.BGP, rib, Updates.announce("192.0.2.1", new long[] {64500, 64510},
                List.of("203.0.113.0/24", "198.51.100.0/25"), Updates.communities(64500, 100)), T0);

        assertThat(published.updates).hasSize(2).allSatisfy(update -> {
            assertThat(update.action()).isEqualTo(Action.ANNOUNCE);
            assertThat(update.attributes().asPathText()).isEqualTo("64500 64510");
            assertThat(update.attributes().originAs()).isEqualTo(64510L);
            assertThat(update.attributes().communities()).containsExactly("64500:100");
        });
        assertThat(published.rib()).containsOnlyKeys("bgp:192.0.2.1|203.0.113.0/24", "bgp:192.0.2.1|198.51.100.0/25");
        assertThat(rib.ipv4Prefixes()).isEqualTo(2);
        // What the collector publishes satisfies the contract subscribers validate against.
        TopicCodec<RibRoute> codec = TopicCodec.of(RibRoute.class);
        assertThat(codec.decode(codec.encode(published.rib().values().iterator().next())).prefix()).isNotBlank();
    }

    @Test
    void aReplacementKeepsFirstSeenAndAnUnchangedRepeatIsNotRepublished() {
        feed.apply(peer, RouteSource.BGP, rib, Updates.announce("192.0.2.1", new long[] {64500, 64510}, List.of("203.0.113.0/24")), T0);
        feed.apply(peer, RouteSource.BGP, rib, Updates.announce("192.0.2.1", new long[] {64500, 64502, 64510}, List.of("203.0.113.0/24")), T1);
        feed.apply(peer, RouteSource.BGP, rib, Updates.announce("192.0.2.1", new long[] {64500, 64502, 64510}, List.of("203.0.113.0/24")), T1.plusSeconds(1));

        assertThat(published.updates).hasSize(3);
        assertThat(published.ribRecords).hasSize(2);
        RibRoute current = published.rib().get("bgp:192.0.2.1|203.0.113.0/24");
        assertThat(current.attributes().asPathText()).isEqualTo("64500 64502 64510");
        assertThat(current.firstSeen()).isEqualTo(T0);
        assertThat(current.updatedAt()).isEqualTo(T1);
    }

    @Test
    void aWithdrawTombstonesTheRoute() {
        feed.apply(peer, RouteSource.BGP, rib, Updates.announce("192.0.2.1", new long[] {64500}, List.of("203.0.113.0/24")), T0);
        feed.apply(peer, RouteSource.BGP, rib, Updates.withdraw("203.0.113.0/24"), T1);

        assertThat(published.updates.getLast().action()).isEqualTo(Action.WITHDRAW);
        assertThat(published.updates.getLast().attributes()).isNull();
        assertThat(published.ribRecords.getLast()).satisfies(record -> {
            assertThat(record.getKey()).isEqualTo("bgp:192.0.2.1|203.0.113.0/24");
            assertThat(record.getValue()).isNull();
        });
        assertThat(rib.size()).isZero();
    }

    @Test
    void peerDownWithdrawsEverything() {
        feed.apply(peer, RouteSource.BGP, rib, Updates.announce("192.0.2.1", new long[] {64500},
                List.of("203.0.113.0/24", "198.51.100.0/24", "192.0.2.0/24")), T0);

        assertThat(feed.withdrawAll(rib, T1)).isEqualTo(3);

        assertThat(published.rib()).isEmpty();
        assertThat(published.tombstones()).isEqualTo(3);
        assertThat(published.updates.stream().filter(u -> u.action() == Action.WITHDRAW)).hasSize(3)
                .allSatisfy(u -> assertThat(u.timestamp()).isEqualTo(T1));
    }

    @Test
    void treatAsWithdrawTurnsAnnouncementsIntoWithdrawsAndIsCounted() {
        feed.apply(peer, RouteSource.BGP, rib, Updates.announce("192.0.2.1", new long[] {64500}, List.of("203.0.113.0/24")), T0);
        AttributeError badCommunities = new AttributeError(8, ErrorAction.TREAT_AS_WITHDRAW,
                new NotificationMessage(3, 9, Octets.EMPTY), "COMMUNITIES length 3 is not a multiple of 4");

        feed.apply(peer, RouteSource.BGP, rib, Updates.announceWithErrors("192.0.2.1", new long[] {64500},
                List.of("203.0.113.0/24"), List.of(badCommunities)), T1);

        assertThat(published.updates.getLast().action()).isEqualTo(Action.WITHDRAW);
        assertThat(published.rib()).isEmpty();
        assertThat(registry.get("smoketrace.bgp.decode.errors").tag("action", "TREAT_AS_WITHDRAW").counter().count())
                .isEqualTo(1);
    }

    @Test
    void attributeDiscardKeepsTheRouteWithoutTheAttribute() {
        AttributeError badMed = new AttributeError(4, ErrorAction.ATTRIBUTE_DISCARD,
                new NotificationMessage(3, 5, Octets.EMPTY), "MULTI_EXIT_DISC length 3");

        feed.apply(peer, RouteSource.BGP, rib, Updates.announceWithErrors("192.0.2.1", new long[] {64500},
                List.of("203.0.113.0/24"), List.of(badMed)), T0);

        assertThat(published.rib().get("bgp:192.0.2.1|203.0.113.0/24").attributes().med()).isNull();
        assertThat(registry.get("smoketrace.bgp.decode.errors").tag("action", "ATTRIBUTE_DISCARD").counter().count())
                .isEqualTo(1);
    }

    @Test
    void withoutARibOnlyUpdatesArePublished() {
        feed.apply(peer, RouteSource.MRT, null, Updates.announce("192.0.2.1", new long[] {64500}, List.of("203.0.113.0/24")), T0);
        feed.apply(peer, RouteSource.MRT, null, Updates.withdraw("203.0.113.0/24"), T1);

        assertThat(published.updates).hasSize(2);
        assertThat(published.ribRecords).isEmpty();
    }

    private static InetAddress address(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
