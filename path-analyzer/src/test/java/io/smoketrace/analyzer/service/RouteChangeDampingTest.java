package io.smoketrace.analyzer.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.smoketrace.analyzer.fixtures.Lab;
import io.smoketrace.analyzer.fixtures.Routes;
import io.smoketrace.common.bgp.RouteUpdate;
import io.smoketrace.common.event.EventType;
import io.smoketrace.common.event.PathEvent;
import io.smoketrace.common.event.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A flap storm gives a pair one route change event per window and one coalesced event, not one per update. */
class RouteChangeDampingTest {

    private static final Instant T0 = Routes.T0;

    @Test
    void aFlapStormIsOneEventThenOneCoalescedEventPerPair() {
        RouteChangeDamping damping = new RouteChangeDamping(Duration.ofMinutes(1), 64);
        List<PathEvent> out = damping.admit(List.of(change("a1", 0, "64500 64501 64510"), change("a2", 0, "64500 64501 64510")));
        assertThat(out).extracting(PathEvent::agentId).containsExactly("a1", "a2");

        // Ten more flaps of the same prefix within the minute: nothing now.
        for (int i = 1; i <= 10; i++) {
            String path = i % 2 == 0 ? "64500 64501 64510" : "64500 64502 64510";
            assertThat(damping.admit(List.of(change("a1", i * 5, path), change("a2", i * 5, path)))).isEmpty();
        }
        // A loss event is not damped.
        PathEvent loss = event("a1", EventType.LOSS_STARTED, T0.plusSeconds(52), List.of());
        assertThat(damping.admit(List.of(loss))).containsExactly(loss);

        assertThat(damping.due(T0.plusSeconds(59))).as("window still open").isEmpty();
        List<PathEvent> coalesced = damping.due(T0.plusSeconds(60));
        assertThat(coalesced).hasSize(2).allSatisfy(event -> {
            assertThat(event.type()).isEqualTo(EventType.BGP_ROUTE_CHANGED);
            assertThat(event.eventId()).endsWith("-50");
            assertThat(event.bgpUpdates()).hasSize(10);
            assertThat(event.summary()).contains("10 route changes within 1 min");
        });
        assertThat(damping.openWindows()).isZero();

        // After the window the next change goes out at once again.
        assertThat(damping.admit(List.of(change("a1", 120, "64500 64502 64510")))).hasSize(1);
    }

    @Test
    void aChangeAfterTheWindowClosedFlushesTheHeldOneFirstAndZeroSwitchesDampingOff() {
        RouteChangeDamping damping = new RouteChangeDamping(Duration.ofMinutes(1), 64);
        damping.admit(List.of(change("a1", 0, "64500 64501 64510")));
        assertThat(damping.admit(List.of(change("a1", 30, "64500 64502 64510")))).isEmpty();
        List<PathEvent> out = damping.admit(List.of(change("a1", 90, "64500 64501 64510")));
        assertThat(out).extracting(PathEvent::eventId).containsExactly("a1-30", "a1-90");
        assertThat(out.getFirst().summary()).contains("1 route change within 1 min");

        RouteChangeDamping off = new RouteChangeDamping(Duration.ZERO, 64);
        for (int i = 0; i < 5; i++) {
            assertThat(off.admit(List.of(change("a1", i, "64500 64501 64510")))).hasSize(1);
        }
        assertThat(off.due(T0.plusSeconds(3600))).isEmpty();
    }

    private static PathEvent change(String agent, int second, String asPath) {
        RouteUpdate update = Routes.announce(Lab.PEER, "203.0.113.0/24", asPath, T0.plusSeconds(second));
        return event(agent, EventType.BGP_ROUTE_CHANGED, T0.plusSeconds(second), List.of(update));
    }

    private static PathEvent event(String agent, EventType type, Instant at, List<RouteUpdate> updates) {
        return new PathEvent(PathEvent.FORMAT_VERSION, agent + "-" + at.getEpochSecond() % 3600 % 1000, type, agent, "web-1",
                "203.0.113.10", at, at, null, null, null, null, new Verdict(Verdict.Judgement.NEUTRAL, List.of()), null, updates,
                null, null, "route changed");
    }
}
