package io.smoketrace.analyzer.model;

import static io.smoketrace.analyzer.fixtures.TracePath.path;
import static org.assertj.core.api.Assertions.assertThat;

import io.smoketrace.analyzer.fixtures.Lab;
import io.smoketrace.analyzer.fixtures.Routes;
import io.smoketrace.analyzer.fixtures.TracePath;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PathVersionTest {

    private static final int DIAMOND = 2;
    private static final int MAX_RESPONDERS = 16;

    private final PathNormalizer normalizer = new PathNormalizer(Lab.rib());
    private int traces;

    private ObservedPath observe(TracePath path) {
        traces++;
        return normalizer.normalize(path.build("t" + traces, "agent-1", "web-1", Routes.T0.plus(Duration.ofMinutes(traces))));
    }

    private PathVersion founded(TracePath path) {
        return PathVersion.founding("agent-1", "web-1", observe(path));
    }

    @Test
    void theIdDependsOnThePairAndTheHopsOnly() {
        PathVersion a = founded(Lab.usual());
        assertThat(founded(Lab.usual()).id()).isEqualTo(a.id());
        assertThat(founded(Lab.viaOtherTransit()).id()).isNotEqualTo(a.id());
        assertThat(PathVersion.founding("agent-2", "web-1", observe(Lab.usual())).id()).isNotEqualTo(a.id());
    }

    @Test
    void starsAndKnownLoadBalancedRespondersKeepTheVersion() {
        PathVersion version = founded(path("10.0.0.1", "198.18.0.1", "198.51.100.1", "198.51.100.5|198.51.100.6", "198.51.100.9", Lab.TARGET));
        PathVersion same = version.absorb(observe(path("10.0.0.1", "*", "198.51.100.1", "198.51.100.6", "*", Lab.TARGET)), DIAMOND, MAX_RESPONDERS);
        assertThat(same).isNotNull();
        assertThat(same.id()).isEqualTo(version.id());
        assertThat(same.responders()).isEqualTo(version.responders());
    }

    @Test
    void aDetourBetweenTwoSharedRoutersInTheSameAsIsLearnedAsLoadBalancing() {
        PathVersion version = founded(Lab.usual());
        PathVersion learned = version.absorb(observe(path("10.0.0.1", "198.18.0.1", "198.18.0.9", "198.51.100.1", "198.51.100.7",
                "198.51.100.9", "203.0.113.1", Lab.TARGET)), DIAMOND, MAX_RESPONDERS);
        assertThat(learned.id()).isEqualTo(version.id());
        assertThat(learned.responders().get(4)).containsExactly("198.51.100.5", "198.51.100.7");
    }

    @Test
    void aStarWhereTheVersionNeverHadAnAnswerIsFilledIn() {
        PathVersion version = founded(path("10.0.0.1", "*", "198.51.100.1", Lab.TARGET));
        PathVersion learned = version.absorb(observe(path("10.0.0.1", "198.18.0.1", "198.51.100.1", Lab.TARGET)), DIAMOND, MAX_RESPONDERS);
        assertThat(learned.responders().get(1)).containsExactly("198.18.0.1");
    }

    @Test
    void otherRoutersOtherAsesOrAnotherLengthAreAnotherPath() {
        PathVersion version = founded(Lab.usual());
        assertThat(version.absorb(observe(Lab.otherRoutersSameAs()), DIAMOND, MAX_RESPONDERS)).isNull();
        assertThat(version.absorb(observe(Lab.longer()), DIAMOND, MAX_RESPONDERS)).isNull();
        // Two hops through another AS between shared routers: short enough for a diamond, but not load balancing.
        assertThat(version.absorb(observe(path("10.0.0.1", "198.18.0.1", "198.18.0.9", "192.0.2.1", "192.0.2.5", "198.51.100.9",
                "203.0.113.1", Lab.TARGET)), DIAMOND, MAX_RESPONDERS)).isNull();
        assertThat(version.firstDifference(founded(Lab.otherRoutersSameAs()))).isEqualTo(4);
        assertThat(version.firstDifference(founded(Lab.longer()))).isEqualTo(6);
    }

    @Test
    void knownPathsPreferTheCurrentVersionAndForgetStaleOnes() {
        PathVersion usual = founded(Lab.usual());
        PathVersion other = founded(Lab.viaOtherTransit());
        KnownPaths known = new KnownPaths(List.of(usual, other), 2, Duration.ofDays(7));
        assertThat(known.find(observe(Lab.viaOtherTransit()), usual.id(), DIAMOND, MAX_RESPONDERS).id()).isEqualTo(other.id());
        assertThat(known.find(observe(Lab.otherRoutersSameAs()), usual.id(), DIAMOND, MAX_RESPONDERS)).isNull();

        PathVersion longer = founded(Lab.longer());
        PathVersion weekLater = new PathVersion(longer.id(), true, longer.responders(), longer.firstSeen(),
                Routes.T0.plus(Duration.ofDays(8)));
        known.remember(weekLater, weekLater.lastSeen());
        assertThat(known.versions()).containsExactly(weekLater);
    }
}
