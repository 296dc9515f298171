package io.smoketrace.analyzer.model;

import static io.smoketrace.analyzer.fixtures.TracePath.path;
import static org.assertj.core.api.Assertions.assertThat;

import io.smoketrace.analyzer.fixtures.Lab;
import io.smoketrace.analyzer.fixtures.Routes;
import io.smoketrace.common.event.PathSnapshot;
import io.smoketrace.common.event.PathSnapshot.AddressClass;
import java.util.List;
import org.junit.jupiter.api.Test;

class PathNormalizerTest {

    private final PathNormalizer normalizer = new PathNormalizer(Lab.rib());

    private ObservedPath normalize(io.smoketrace.analyzer.fixtures.TracePath path) {
        return normalizer.normalize(path.build("t1", "agent-1", "web-1", Routes.T0));
    }

    @Test
    void annotatesHopsAndReadsTheAsPath() {
        ObservedPath path = normalize(Lab.usual());
        assertThat(path.destinationReached()).isTrue();
        assertThat(path.hopCount()).isEqualTo(8);
        assertThat(path.asPath().asns()).containsExactly(64500L, 64501L, 64510L);
        assertThat(path.asPath().elements().getFirst()).isEqualTo(AsPath.GAP);
        ObservedResponder first = path.hop(1).responders().getFirst();
        assertThat(first.addressClass()).isEqualTo(AddressClass.PRIVATE);
        assertThat(first.asn()).isNull();
        ObservedResponder transit = path.hop(4).responders().getFirst();
        assertThat(transit.prefix()).isEqualTo("198.51.100.0/24");
        assertThat(transit.asn()).isEqualTo(64501L);
        assertThat(path.destinationRttMs()).isEqualTo(16.0);
        assertThat(path.destinationLossPercent()).isZero();
        assertThat(path.describeHop(4)).isEqualTo("hop 4 (198.51.100.1, AS64501)");
    }

    @Test
    void loadBalancedRespondersAreASetAndStarsAreNotAddresses() {
        ObservedPath path = normalize(path("10.0.0.1", "198.51.100.6|198.51.100.5", "*", Lab.TARGET));
        assertThat(path.hop(2).addresses()).containsExactly("198.51.100.5", "198.51.100.6");
        assertThat(path.hop(3).answered()).isFalse();
        assertThat(path.hop(3).lossPercent()).isEqualTo(100.0);
        assertThat(path.asPath().elements()).containsExactly(AsPath.GAP, 64501L, AsPath.GAP, 64510L);

        PathSnapshot snapshot = path.snapshot("p1");
        assertThat(snapshot.hops().get(2).responders()).extracting(PathSnapshot.ResponderSnapshot::address).containsExactly("*");
        assertThat(snapshot.hops().get(1).responders()).extracting(PathSnapshot.ResponderSnapshot::asn).containsExactly(64501L, 64501L);
        assertThat(snapshot.asPath()).containsExactly(64501L, 64510L);
    }

    @Test
    void anUnreachedTraceEndsAtItsLastAnswerAndExchangesLeaveNoAs() {
        ObservedPath path = normalize(path("10.0.0.1", "198.18.0.1", "198.51.100.1", "*", "*", "*").to(Lab.TARGET));
        assertThat(path.destinationReached()).isFalse();
        assertThat(path.hopCount()).isEqualTo(3);
        assertThat(path.destinationRttMs()).isNull();
        assertThat(path.destinationLossPercent()).isEqualTo(100.0);

        io.smoketrace.analyzer.rib.Rib withIxp = new io.smoketrace.analyzer.rib.Rib(new io.smoketrace.analyzer.rib.RibConfig(false,
                List.of(new io.smoketrace.analyzer.rib.RibConfig.IxpLan("LAB-IX", "198.51.100.128/25"))));
        withIxp.upsert(Routes.route(Lab.PEER, "198.51.100.0/24", "64500 64501"));
        withIxp.upsert(Routes.route(Lab.PEER, "203.0.113.0/24", "64500 64501 64510"));
        ObservedPath viaIxp = new PathNormalizer(withIxp).normalize(
                path("198.51.100.1", "198.51.100.130", "203.0.113.1", Lab.TARGET).build("t2", "a", "t", Routes.T0));
        assertThat(viaIxp.asPath().elements()).containsExactly(64501L, 64510L);
        assertThat(viaIxp.hop(2).responders().getFirst().label()).isEqualTo("198.51.100.130, IXP LAB-IX");
        // The event contract's snapshot names the exchange too, and only for exchange addresses.
        assertThat(viaIxp.snapshot("p").hops().get(1).responders().getFirst().ixpName()).isEqualTo("LAB-IX");
        assertThat(viaIxp.snapshot("p").hops().get(0).responders().getFirst().ixpName()).isNull();
    }
}
