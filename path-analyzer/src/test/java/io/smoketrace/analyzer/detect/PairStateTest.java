package io.smoketrace.analyzer.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smoketrace.analyzer.fixtures.Lab;
import io.smoketrace.analyzer.fixtures.PairFeed;
import io.smoketrace.analyzer.fixtures.Routes;
import io.smoketrace.analyzer.fixtures.TracePath;
import io.smoketrace.analyzer.rib.Rib;
import io.smoketrace.common.event.PathEvent;
import io.smoketrace.common.serde.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Per-pair state survives a restart as JSON, and replays give the same events with the same ids. */
class PairStateTest {

    private static final TargetContext CONTEXT = new TargetContext(Map.of("site", "fra1"), null);

    /** Everything pending at once: a latency streak, a path candidate, a BGP update, baselines. */
    private static final List<TracePath> BEFORE_RESTART = List.of(Lab.usual(), Lab.usual(), Lab.usual(), Lab.usual(), Lab.usual(),
            Lab.usual(), Lab.usual().slowerFrom(5, 30), Lab.viaOtherTransit().slowerFrom(5, 30));
    private static final List<TracePath> AFTER_RESTART = List.of(Lab.viaOtherTransit().slowerFrom(5, 30),
            Lab.viaOtherTransit().slowerFrom(5, 30), Lab.usual(), Lab.usual(), Lab.usual().lossFrom(3, 50), Lab.usual().lossFrom(3, 50));

    private static List<PathEvent> feedAll(PairFeed feed, List<TracePath> traces) {
        List<PathEvent> events = new ArrayList<>();
        traces.forEach(trace -> events.addAll(feed.feed(trace)));
        return events;
    }

    private static PathAnalyzer analyzer() {
        return new PathAnalyzer(DetectorConfig.defaults(), Lab.rib());
    }

    @Test
    void aRestoredPairCarriesOnExactlyAsIfItHadNeverStopped() throws Exception {
        PairFeed uninterrupted = new PairFeed(analyzer(), CONTEXT);
        feedAll(uninterrupted, BEFORE_RESTART);
        uninterrupted.route(Routes.announce("bgp:198.18.0.2", "203.0.113.0/24", "64500 64502 64510", uninterrupted.now()));
        List<PathEvent> expected = feedAll(uninterrupted, AFTER_RESTART);
        assertThat(expected).hasSizeGreaterThan(3);

        PathAnalyzer first = analyzer();
        PairFeed beforeRestart = new PairFeed(first, CONTEXT);
        feedAll(beforeRestart, BEFORE_RESTART);
        beforeRestart.route(Routes.announce("bgp:198.18.0.2", "203.0.113.0/24", "64500 64502 64510", beforeRestart.now()));
        PairState saved = first.state(PairFeed.AGENT, PairFeed.TARGET_ID);
        String json = Json.mapper().writeValueAsString(saved);
        PairState read = Json.mapper().readValue(json, PairState.class);
        assertThat(read).isEqualTo(saved);

        // After a restart the RIB comes back from the compacted RIB topic, the pair from its saved state.
        Rib rib = Lab.rib();
        rib.apply(Routes.announce("bgp:198.18.0.2", "203.0.113.0/24", "64500 64502 64510", beforeRestart.now()));
        PathAnalyzer second = new PathAnalyzer(DetectorConfig.defaults(), rib);
        second.restore(read);
        List<PathEvent> afterRestart = feedAll(beforeRestart.continuingWith(second), AFTER_RESTART);
        assertThat(afterRestart).isEqualTo(expected);
    }

    /**
     * The network lab's agent2 -> tgt-b crosses a router that never answers: its hop has no responders,
     * which the shared mapper (non-empty inclusion) writes without the list. Reading that state back
     * failed ("stored PairState is unreadable"), which broke GET /api/targets and the restart of the pair.
     */
    @Test
    void aPairWithASilentHopIsReadBackFromJson() throws Exception {
        PathAnalyzer analyzer = analyzer();
        PairFeed feed = new PairFeed(analyzer, CONTEXT);
        TracePath silent = TracePath.path("10.0.0.1", "198.18.0.1", "*", "198.51.100.1", "203.0.113.1", Lab.TARGET);
        feed.feed(silent);
        feed.feed(silent);
        feed.feed(TracePath.path("10.0.0.1", "198.18.0.1", "*", "192.0.2.1", "203.0.113.1", Lab.TARGET));
        PairState saved = analyzer.state(PairFeed.AGENT, PairFeed.TARGET_ID);
        String json = Json.mapper().writeValueAsString(saved);
        assertThat(json).doesNotContain("\"responders\":[]");

        PairState read = Json.mapper().readValue(json, PairState.class);

        assertThat(read).isEqualTo(saved);
        assertThat(read.lastStablePath().hops().get(2).responders()).isEmpty();
        assertThat(read.pendingPath().streak().traceIds()).hasSize(1);
    }

    @Test
    void replayingTheSameTracesGivesTheSameEventIds() {
        List<TracePath> traces = new ArrayList<>(BEFORE_RESTART);
        traces.addAll(AFTER_RESTART);
        List<PathEvent> once = feedAll(new PairFeed(analyzer(), CONTEXT), traces);
        List<PathEvent> again = feedAll(new PairFeed(analyzer(), CONTEXT), traces);
        assertThat(again).extracting(PathEvent::eventId).isEqualTo(once.stream().map(PathEvent::eventId).toList()).doesNotHaveDuplicates();
    }

    @Test
    void stateOfAnotherLayoutIsRefusedWithTheReason() {
        PathAnalyzer analyzer = analyzer();
        new PairFeed(analyzer, CONTEXT).feed(Lab.usual());
        PairState state = analyzer.state(PairFeed.AGENT, PairFeed.TARGET_ID);
        PairState future = new PairState(99, state.agentId(), state.targetId(), null, null, false, null, null, null, null, null, null, null,
                null, null, null, null, null, null, false, null);
        assertThatThrownBy(() -> analyzer.restore(future)).hasMessageContaining("format version 99");
        assertThat(analyzer.state("nobody", "nothing")).isNull();
        assertThat(analyzer.states()).containsExactly(state);
    }
}
