package io.smoketrace.analyzer.detect;

import static io.smoketrace.analyzer.fixtures.Routes.announce;
import static io.smoketrace.analyzer.fixtures.Routes.withdraw;
import static io.smoketrace.analyzer.fixtures.TracePath.path;
import static org.assertj.core.api.Assertions.assertThat;

import io.smoketrace.analyzer.fixtures.Lab;
import io.smoketrace.analyzer.fixtures.PairFeed;
import io.smoketrace.analyzer.fixtures.Routes;
import io.smoketrace.analyzer.fixtures.TracePath;
import io.smoketrace.analyzer.rib.Rib;
import io.smoketrace.analyzer.rib.RibConfig;
import io.smoketrace.common.bgp.RouteUpdate;
import io.smoketrace.common.event.EventType;
import io.smoketrace.common.event.PathEvent;
import io.smoketrace.common.event.Verdict.Judgement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** BGP route changes for the target's prefix, and the data-plane AS path against BGP. */
class BgpTest {

    private final Rib rib = Lab.rib();
    private final PathAnalyzer analyzer = new PathAnalyzer(DetectorConfig.defaults(), rib);
    private final PairFeed pair = new PairFeed(analyzer, TargetContext.DEFAULTS);

    @Test
    void anAnnouncementWithAnotherAsPathForTheTargetsPrefixIsARouteChange() {
        pair.feed(Lab.usual(), 2);
        List<PathEvent> events = pair.route(announce(Lab.PEER, "203.0.113.0/24", "64500 64502 64503 64510", "198.18.0.5", pair.now()));

        assertThat(events).extracting(PathEvent::type).containsExactly(EventType.BGP_ROUTE_CHANGED);
        PathEvent event = events.getFirst();
        assertThat(event.changedAt()).isEqualTo(pair.now());
        assertThat(event.bgpUpdates()).hasSize(1);
        assertThat(event.verdict().judgement()).isEqualTo(Judgement.WORSE);
        assertThat(event.summary()).isEqualTo("BGP route 203.0.113.0/24 changed at peer bgp:198.18.0.1: 64500 64501 64510 -> "
                + "64500 64502 64503 64510 (next hop 198.18.0.1 -> 198.18.0.5); target now follows 203.0.113.0/24 via "
                + "64500 64502 64503 64510; WORSE: AS path length 3 -> 4");
        assertThat(analyzer.onRouteUpdate(announce(Lab.PEER, "203.0.113.0/24", "64500 64502 64503 64510", "198.18.0.5", pair.now())))
                .as("the same announcement again").isEmpty();
    }

    @Test
    void moreSpecificsConcernTheTargetOnlyWhenTheyHoldItAndLessSpecificsNotAtAll() {
        pair.feed(Lab.usual(), 2);
        assertThat(pair.route(announce(Lab.PEER, "203.0.113.128/25", "64500 64666", pair.now()))).isEmpty();
        assertThat(pair.route(announce(Lab.PEER, "203.0.0.0/16", "64500 64666", pair.now()))).isEmpty();
        assertThat(pair.route(announce(Lab.PEER, "198.51.100.0/24", "64500 64666", pair.now()))).isEmpty();

        List<PathEvent> events = pair.route(announce(Lab.PEER, "203.0.113.0/25", "64500 64666", pair.now()));
        assertThat(events).extracting(PathEvent::summary).containsExactly("BGP route 203.0.113.0/25 announced at peer bgp:198.18.0.1 "
                + "via 64500 64666; target now follows 203.0.113.0/25 via 64500 64666; BETTER: AS path length 3 -> 2");
    }

    @Test
    void aWithdrawOfTheCoveringRouteIsAChangeAndSaysWhatCoversTheTargetNow() {
        pair.feed(Lab.usual(), 2);
        pair.route(announce(Lab.PEER, "203.0.0.0/16", "64500 64520", pair.now()));
        List<PathEvent> events = pair.route(withdraw(Lab.PEER, "203.0.113.0/24", pair.now()));
        assertThat(events).extracting(PathEvent::summary).containsExactly("BGP route 203.0.113.0/24 withdrawn at peer bgp:198.18.0.1 "
                + "(was 64500 64501 64510); target now follows 203.0.0.0/16 via 64500 64520; BETTER: AS path length 3 -> 2");

        List<PathEvent> gone = pair.route(withdraw(Lab.PEER, "203.0.0.0/16", pair.now()));
        assertThat(gone.getFirst().verdict().judgement()).isEqualTo(Judgement.WORSE);
        assertThat(gone.getFirst().summary()).contains("no route covers 203.0.113.10 any more");
        assertThat(pair.route(withdraw(Lab.PEER, "203.0.0.0/16", pair.now()))).as("withdrawn twice").isEmpty();
    }

    /**
     * The network lab's "unreachable" scenario: the target's AS withdraws its prefix and traces end
     * at the last router with a route. The outage must carry the withdraw, as path changes carry
     * their updates; it came without any.
     */
    @Test
    void anOutageAfterTheWithdrawOfTheTargetsPrefixCarriesTheWithdraw() {
        pair.feed(Lab.usual(), 3);
        RouteUpdate gone = withdraw(Lab.PEER, "203.0.113.0/24", pair.next());
        pair.route(gone);
        TracePath cut = path("10.0.0.1", "198.18.0.1", "198.18.0.9", "*", "*").to(Lab.TARGET);
        pair.feed(cut);
        PathEvent outage = pair.feed(cut).getFirst();
        assertThat(outage.type()).isEqualTo(EventType.TARGET_UNREACHABLE);
        assertThat(outage.bgpUpdates()).containsExactly(gone);

        RouteUpdate back = announce(Lab.PEER, "203.0.113.0/24", "64500 64501 64510", pair.next());
        pair.route(back);
        pair.feed(Lab.usual());
        PathEvent recovered = pair.feed(Lab.usual()).getFirst();
        assertThat(recovered.type()).isEqualTo(EventType.TARGET_REACHABLE);
        assertThat(recovered.bgpUpdates()).contains(back);
    }

    @Test
    void updatesOutsideTheCorrelationWindowAreNotAttached() {
        pair.feed(Lab.usual(), 3);
        RouteUpdate early = announce("bgp:198.18.0.2", "203.0.113.0/24", "64500 64501 64510", pair.now().minus(Duration.ofMinutes(30)));
        RouteUpdate close = announce("bgp:198.18.0.3", "203.0.113.0/24", "64500 64501 64510", pair.next());
        pair.route(early);
        pair.route(close);
        pair.feed(Lab.otherRoutersSameAs());
        PathEvent change = pair.feed(Lab.otherRoutersSameAs()).getFirst();
        assertThat(change.bgpUpdates()).containsExactly(close);
    }

    /**
     * The network lab's link-down: a router in an AS this pair's traffic never crosses changes its
     * route to the target. Its choice moves none of these packets: no route change event for this
     * pair (the lab raised one for an agent inside the target's own AS), but the update is kept, and
     * a path change that follows carries it.
     */
    @Test
    void aRouteChangeAtAPeerInAnAsOffThePathIsNoEventButStillCorrelated() {
        pair.feed(Lab.usual(), 3);
        RouteUpdate elsewhere = announce("bgp:198.18.0.77", "203.0.113.0/24", "64502 64510", pair.next());
        assertThat(pair.route(elsewhere)).as("peer AS64502, path crosses 64500 64501 64510").isEmpty();

        List<PathEvent> onPath = pair.route(announce("bgp:198.18.0.78", "203.0.113.0/24", "64501 64520 64510", pair.now()));
        assertThat(onPath).as("peer AS64501 is on the path").extracting(PathEvent::type).containsExactly(EventType.BGP_ROUTE_CHANGED);

        pair.feed(Lab.otherRoutersSameAs());
        PathEvent change = pair.feed(Lab.otherRoutersSameAs()).getFirst();
        assertThat(change.bgpUpdates()).contains(elsewhere);
    }

    @Test
    void everyPeersRouteChangeCountsWhenConfiguredSo() {
        DetectorConfig d = DetectorConfig.defaults();
        DetectorConfig all = new DetectorConfig(d.confirmations(), d.latencyIncreaseMs(), d.latencyIncreasePercent(), d.lossPercent(),
                d.recoveryFraction(), d.baselineWindow(), d.baselineMinSamples(), d.hopBaselineWindow(), d.attributionFraction(),
                d.ecmpDiamondHops(), d.maxRespondersPerHop(), d.maxKnownPaths(), d.knownPathRetention(), d.flapSwitches(),
                d.flapWindow(), d.bgpCorrelationWindow(), d.maxRouteUpdates(), false, d.margins());
        PairFeed everyPeer = new PairFeed(new PathAnalyzer(all, Lab.rib()), TargetContext.DEFAULTS);
        everyPeer.feed(Lab.usual(), 3);
        assertThat(everyPeer.route(announce("bgp:198.18.0.77", "203.0.113.0/24", "64502 64510", everyPeer.next())))
                .extracting(PathEvent::type).containsExactly(EventType.BGP_ROUTE_CHANGED);
    }

    @Test
    void aDataPlanePathThroughAnAsNoBgpPathHasIsAMismatch() {
        pair.feed(Lab.viaOtherTransit());
        List<PathEvent> events = pair.feed(Lab.viaOtherTransit());
        assertThat(events).extracting(PathEvent::type).containsExactly(EventType.AS_PATH_MISMATCH);
        PathEvent mismatch = events.getFirst();
        assertThat(mismatch.hop()).isEqualTo(4);
        assertThat(mismatch.summary()).isEqualTo("data-plane AS path 64500 64502 64510 disagrees with BGP: AS64502 at hop 4 "
                + "(192.0.2.1, AS64502) is on no peer's BGP path; best BGP path 64500 64501 64510 (peer bgp:198.18.0.1, 203.0.113.0/24)");
        assertThat(pair.feed(Lab.viaOtherTransit(), 3)).as("reported once").isEmpty();
    }

    @Test
    void silentHopsAndTheVantagePointsOwnAsAreNoMismatch() {
        pair.feed(path("10.0.0.1", "198.18.0.1", "198.18.0.9", "*", "*", "*", "203.0.113.1", Lab.TARGET), 3);
        assertThat(pair.last().events()).isEmpty();

        // The collector's peer is AS64501 itself: its paths do not contain the agent's provider AS64500.
        Rib peerSide = new Rib(RibConfig.defaults());
        peerSide.upsert(Routes.route("bgp:198.51.100.254", "198.18.0.0/15", "64501 64500"));
        peerSide.upsert(Routes.route("bgp:198.51.100.254", "198.51.100.0/24", "64501"));
        peerSide.upsert(Routes.route("bgp:198.51.100.254", "203.0.113.0/24", "64501 64510"));
        PairFeed other = new PairFeed(new PathAnalyzer(DetectorConfig.defaults(), peerSide), TargetContext.DEFAULTS);
        assertThat(other.feed(Lab.usual(), 3)).isEmpty();
    }
}
