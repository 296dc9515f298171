package io.smoketrace.analyzer.detect;

import static io.smoketrace.analyzer.fixtures.TracePath.path;
import static org.assertj.core.api.Assertions.assertThat;

import io.smoketrace.analyzer.fixtures.Lab;
import io.smoketrace.analyzer.fixtures.PairFeed;
import io.smoketrace.analyzer.fixtures.Routes;
import io.smoketrace.analyzer.fixtures.TracePath;
import io.smoketrace.common.event.EventType;
import io.smoketrace.common.event.PathEvent;
import io.smoketrace.common.event.Verdict.Judgement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** IP path, AS path, hop count and flapping events, and the path noise that must not raise them. */
class PathChangeTest {

    private final PairFeed pair = new PairFeed(new PathAnalyzer(DetectorConfig.defaults(), Lab.rib()),
            new TargetContext(Map.of("site", "fra1"), null));

    private static List<EventType> types(List<PathEvent> events) {
        return events.stream().map(PathEvent::type).toList();
    }

    @Test
    void anIpPathChangeIsAnEventOnceConfirmedDatedFromItsOnset() {
        pair.feed(Lab.usual(), 5);
        assertThat(pair.feed(Lab.otherRoutersSameAs())).isEmpty();
        List<PathEvent> events = pair.feed(Lab.otherRoutersSameAs());

        assertThat(types(events)).containsExactly(EventType.IP_PATH_CHANGED);
        PathEvent event = events.getFirst();
        assertThat(event.hop()).isEqualTo(4);
        assertThat(event.hopAddress()).isEqualTo("198.51.100.21");
        assertThat(event.traceIds()).containsExactly("trace-6", "trace-7");
        assertThat(event.changedAt()).isEqualTo(Routes.T0.plus(Duration.ofMinutes(6)));
        assertThat(event.detectedAt()).isEqualTo(pair.now());
        assertThat(event.labels()).containsEntry("site", "fra1").containsEntry("agentId", PairFeed.AGENT).containsEntry("targetId", "web-1");
        assertThat(event.before().pathId()).isNotEqualTo(event.after().pathId());
        assertThat(event.after().pathId()).isEqualTo(pair.last().pathVersion().id());
        assertThat(event.verdict().judgement()).isEqualTo(Judgement.NEUTRAL);
        assertThat(event.summary()).isEqualTo("IP path changed at hop 4 (198.51.100.21, AS64501): 198.51.100.1 -> 198.51.100.21; NEUTRAL: destination RTT 16 -> 16 ms");
        assertThat(pair.feed(Lab.otherRoutersSameAs(), 3)).isEmpty();
    }

    @Test
    void twoLoadBalancedRespondersInOneTraceAreNotAChange() {
        pair.feed(Lab.usual(), 3);
        String pathId = pair.last().pathVersion().id();
        TracePath ecmp = path("10.0.0.1", "198.18.0.1", "198.18.0.9", "198.51.100.1", "198.51.100.5|198.51.100.7", "198.51.100.9",
                "203.0.113.1", Lab.TARGET);
        assertThat(pair.feed(ecmp, 4)).isEmpty();
        assertThat(pair.last().pathVersion().id()).isEqualTo(pathId);
    }

    @Test
    void singleRespondersAlternatingAcrossTracesAreNotAChange() {
        TracePath other = path("10.0.0.1", "198.18.0.1", "198.18.0.9", "198.51.100.1", "198.51.100.7", "198.51.100.9",
                "203.0.113.1", Lab.TARGET);
        List<PathEvent> events = new ArrayList<>();
        for (TracePath trace : List.of(Lab.usual(), other, Lab.usual(), other, other, other, Lab.usual(), other, other)) {
            events.addAll(pair.feed(trace));
        }
        assertThat(events).isEmpty();
    }

    @Test
    void aStarAppearingAtAHopIsNotAChange() {
        pair.feed(Lab.usual(), 3);
        String pathId = pair.last().pathVersion().id();
        TracePath silentHops = path("10.0.0.1", "198.18.0.1", "*", "198.51.100.1", "*", "198.51.100.9", "203.0.113.1", Lab.TARGET);
        assertThat(pair.feed(silentHops, 4)).isEmpty();
        assertThat(pair.last().pathVersion().id()).isEqualTo(pathId);
    }

    @Test
    void oneOddTraceIsNotConfirmed() {
        pair.feed(Lab.usual(), 3);
        assertThat(pair.feed(Lab.viaOtherTransit())).isEmpty();
        assertThat(pair.feed(Lab.usual(), 3)).isEmpty();
    }

    @Test
    void aNewTransitIsAnIpAndAnAsPathChangeWithAVerdictAndDisagreesWithBgp() {
        pair.feed(Lab.usual(), 6);
        List<PathEvent> events = new ArrayList<>(pair.feed(Lab.viaOtherTransit().slowerFrom(4, 20)));
        events.addAll(pair.feed(Lab.viaOtherTransit().slowerFrom(4, 20)));

        // BGP still says AS64501, and no update came: the data plane disagrees with the control plane.
        assertThat(types(events)).containsExactly(EventType.IP_PATH_CHANGED, EventType.AS_PATH_CHANGED, EventType.LATENCY_INCREASED,
                EventType.AS_PATH_MISMATCH);
        PathEvent asChange = events.get(1);
        assertThat(asChange.hop()).isEqualTo(4);
        assertThat(asChange.before().asPath()).containsExactly(64500L, 64501L, 64510L);
        assertThat(asChange.after().asPath()).containsExactly(64500L, 64502L, 64510L);
        assertThat(asChange.verdict().judgement()).isEqualTo(Judgement.WORSE);
        assertThat(asChange.summary()).isEqualTo("AS path changed at hop 4 (192.0.2.1, AS64502): 64500 64501 64510 -> 64500 64502 64510; "
                + "WORSE: destination RTT 16 -> 36 ms; no BGP update for 203.0.113.10 within 10 min explains it");
    }

    @Test
    void anAsPathChangeWithABgpUpdateAroundItsOnsetIsExplained() {
        pair.feed(Lab.usual(), 3);
        pair.route(Routes.announce(Lab.PEER, "203.0.113.0/24", "64500 64502 64510", pair.next().minusSeconds(30)));
        pair.feed(Lab.viaOtherTransit());
        List<PathEvent> confirmed = pair.feed(Lab.viaOtherTransit());

        // BGP now agrees with the new data-plane path, so there is no mismatch either.
        assertThat(types(confirmed)).containsExactly(EventType.IP_PATH_CHANGED, EventType.AS_PATH_CHANGED);
        PathEvent asChange = confirmed.get(1);
        assertThat(asChange.bgpUpdates()).hasSize(1);
        assertThat(asChange.summary()).endsWith("explained by BGP: peer bgp:198.18.0.1 announced 203.0.113.0/24 via 64500 64502 64510");
    }

    @Test
    void aLongerPathIsAnIpPathAndAHopCountChangeButNotAnAsChange() {
        pair.feed(Lab.usual(), 3);
        pair.feed(Lab.longer());
        List<PathEvent> events = pair.feed(Lab.longer());
        assertThat(types(events)).containsExactly(EventType.IP_PATH_CHANGED, EventType.HOP_COUNT_CHANGED);
        assertThat(events.get(1).hop()).isEqualTo(6);
        assertThat(events.get(1).summary()).startsWith("hop count changed 8 -> 9 (path changed at hop 6 (198.51.100.13, AS64501))");
    }

    @Test
    void returningToAKnownAlternateIsNotANewPath() {
        pair.feed(Lab.usual(), 3);
        assertThat(types(pair.feed(Lab.otherRoutersSameAs(), 2))).containsExactly(EventType.IP_PATH_CHANGED);
        assertThat(pair.feed(Lab.usual(), 3)).isEmpty();
        assertThat(pair.feed(Lab.otherRoutersSameAs(), 3)).isEmpty();
    }

    @Test
    void switchingBackAndForthBetweenKnownPathsIsOneFlappingEvent() {
        pair.feed(Lab.usual(), 3);
        List<PathEvent> events = new ArrayList<>(pair.feed(Lab.otherRoutersSameAs(), 2));
        for (int i = 0; i < 8; i++) {
            events.addAll(pair.feed(i % 2 == 0 ? Lab.usual() : Lab.otherRoutersSameAs()));
        }
        assertThat(types(events)).containsExactly(EventType.IP_PATH_CHANGED, EventType.PATH_FLAPPING);
        PathEvent flapping = events.get(1);
        assertThat(flapping.summary()).startsWith("path flapping: 6 switches between 2 known paths in ");
        assertThat(flapping.traceIds()).hasSize(6);
    }
}
