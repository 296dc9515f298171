package io.smoketrace.analyzer.detect;

import static io.smoketrace.analyzer.fixtures.TracePath.path;
import static org.assertj.core.api.Assertions.assertThat;

import io.smoketrace.analyzer.fixtures.Lab;
import io.smoketrace.analyzer.fixtures.PairFeed;
import io.smoketrace.analyzer.fixtures.TracePath;
import io.smoketrace.common.event.EventType;
import io.smoketrace.common.event.PathEvent;
import io.smoketrace.common.event.Verdict.Judgement;
import io.smoketrace.common.trace.TraceStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The target becoming unreachable and reachable again; failed runs and targets that never answer. */
class ReachabilityTest {

    private final PairFeed pair = new PairFeed(new PathAnalyzer(DetectorConfig.defaults(), Lab.rib()), TargetContext.DEFAULTS);

    private static TracePath cutAfterHop4() {
        return path("10.0.0.1", "198.18.0.1", "198.18.0.9", "198.51.100.1", "*", "*", "*").to(Lab.TARGET);
    }

    @Test
    void anOutageIsReportedWhereThePathEndsAndItsEndAfterwards() {
        pair.feed(Lab.usual(), 3);
        assertThat(pair.feed(cutAfterHop4())).isEmpty();
        List<PathEvent> events = pair.feed(cutAfterHop4());

        assertThat(events).extracting(PathEvent::type).containsExactly(EventType.TARGET_UNREACHABLE);
        PathEvent down = events.getFirst();
        assertThat(down.hop()).isEqualTo(4);
        assertThat(down.hopAddress()).isEqualTo("198.51.100.1");
        assertThat(down.verdict().judgement()).isEqualTo(Judgement.WORSE);
        assertThat(down.summary()).isEqualTo("target 203.0.113.10 unreachable: trace ends after hop 4 (198.51.100.1, AS64501); "
                + "WORSE: reachable -> unreachable");
        assertThat(pair.last().pathVersion()).isNull();

        assertThat(pair.feed(cutAfterHop4(), 3)).isEmpty();
        assertThat(pair.feed(Lab.usual())).isEmpty();
        List<PathEvent> up = pair.feed(Lab.usual());
        assertThat(up).extracting(PathEvent::type).containsExactly(EventType.TARGET_REACHABLE);
        assertThat(up.getFirst().verdict().judgement()).isEqualTo(Judgement.BETTER);
    }

    @Test
    void oneUnreachedTraceIsNotAnOutageAndFailedRunsSayNothing() {
        pair.feed(Lab.usual(), 3);
        assertThat(pair.feed(cutAfterHop4())).isEmpty();
        assertThat(pair.feed(Lab.usual())).isEmpty();
        assertThat(pair.feed(cutAfterHop4().status(TraceStatus.TIMEOUT), 3)).isEmpty();
        assertThat(pair.feed(Lab.usual().status(TraceStatus.ERROR), 3)).isEmpty();
        assertThat(pair.feed(Lab.usual(), 2)).isEmpty();
    }

    @Test
    void aTargetThatNeverAnswersIsJudgedOnItsPartialPath() {
        TracePath firewalled = path("10.0.0.1", "198.18.0.1", "198.18.0.9", "198.51.100.1", "198.51.100.5", "*", "*").to(Lab.TARGET);
        TracePath otherWay = path("10.0.0.1", "198.18.0.1", "198.18.0.9", "192.0.2.1", "192.0.2.5", "*", "*").to(Lab.TARGET);
        assertThat(pair.feed(firewalled, 4)).isEmpty();
        List<PathEvent> events = pair.feed(otherWay, 2);
        assertThat(events).extracting(PathEvent::type).containsExactly(EventType.IP_PATH_CHANGED, EventType.AS_PATH_CHANGED);
    }
}
