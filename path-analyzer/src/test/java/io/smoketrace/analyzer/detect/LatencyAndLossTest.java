package io.smoketrace.analyzer.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.smoketrace.analyzer.fixtures.Lab;
import io.smoketrace.analyzer.fixtures.PairFeed;
import io.smoketrace.common.event.EventType;
import io.smoketrace.common.event.Measurement;
import io.smoketrace.common.event.PathEvent;
import io.smoketrace.common.event.Verdict.Judgement;
import io.smoketrace.common.target.DetectionThresholds;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Latency and loss at the destination, attributed to the first hop that carries them, and the intermediate-hop noise that must not. */
class LatencyAndLossTest {

    private final PairFeed pair = new PairFeed(new PathAnalyzer(DetectorConfig.defaults(), Lab.rib()), TargetContext.DEFAULTS);

    @Test
    void latencyIncreaseIsAttributedToTheFirstHopFromWhichItPersistsAndRecovers() {
        pair.feed(Lab.usual(), 6);
        assertThat(pair.feed(Lab.usual().slowerFrom(5, 30))).isEmpty();
        List<PathEvent> events = pair.feed(Lab.usual().slowerFrom(5, 30));

        assertThat(events).extracting(PathEvent::type).containsExactly(EventType.LATENCY_INCREASED);
        PathEvent increased = events.getFirst();
        assertThat(increased.hop()).isEqualTo(5);
        assertThat(increased.hopAddress()).isEqualTo("198.51.100.5");
        assertThat(increased.measurement()).isEqualTo(new Measurement("destination_rtt_ms", 16, 46, 26, "ms"));
        assertThat(increased.verdict().judgement()).isEqualTo(Judgement.WORSE);
        assertThat(increased.summary()).isEqualTo("latency increased from hop 5 (198.51.100.5, AS64501): destination RTT 16 -> 46 ms "
                + "(baseline 16 ms, threshold 26 ms); WORSE: destination RTT 16 -> 46 ms");

        assertThat(pair.feed(Lab.usual().slowerFrom(5, 30), 3)).isEmpty();
        assertThat(pair.feed(Lab.usual())).isEmpty();
        List<PathEvent> recovered = pair.feed(Lab.usual());
        assertThat(recovered).extracting(PathEvent::type).containsExactly(EventType.LATENCY_RECOVERED);
        assertThat(recovered.getFirst().hop()).isEqualTo(5);
        assertThat(recovered.getFirst().verdict().judgement()).isEqualTo(Judgement.BETTER);
        assertThat(recovered.getFirst().summary()).startsWith("latency recovered at hop 5 (198.51.100.5, AS64501): destination RTT 46 -> 16 ms");
    }

    @Test
    void aSlowIntermediateHopThatLaterHopsDoNotShowIsNotAProblemNorBlamed() {
        pair.feed(Lab.usual(), 6);
        // Slow-path ICMP generation at hop 4: its own replies are late, forwarded traffic is not.
        assertThat(pair.feed(Lab.usual().rttAt(4, 180), 5)).isEmpty();

        List<PathEvent> events = pair.feed(Lab.usual().slowerFrom(6, 30).rttAt(4, 180), 2);
        assertThat(events).extracting(PathEvent::type).containsExactly(EventType.LATENCY_INCREASED);
        assertThat(events.getFirst().hop()).isEqualTo(6);
    }

    @Test
    void oneSlowTraceIsNotConfirmedAndThereIsNoRecoveryWithoutAProblem() {
        pair.feed(Lab.usual(), 6);
        assertThat(pair.feed(Lab.usual().slowerFrom(5, 30))).isEmpty();
        assertThat(pair.feed(Lab.usual(), 5)).isEmpty();
    }

    @Test
    void lossFromAHopToTheDestinationStartsAndRecovers() {
        pair.feed(Lab.usual(), 3);
        assertThat(pair.feed(Lab.usual().lossFrom(6, 40))).isEmpty();
        List<PathEvent> started = pair.feed(Lab.usual().lossFrom(6, 40));
        assertThat(started).extracting(PathEvent::type).containsExactly(EventType.LOSS_STARTED);
        assertThat(started.getFirst().hop()).isEqualTo(6);
        assertThat(started.getFirst().measurement()).isEqualTo(new Measurement("destination_loss_percent", 0, 40, 20, "percent"));
        assertThat(started.getFirst().summary()).isEqualTo("loss from hop 6 (198.51.100.9, AS64501): destination loss 0 -> 40 % "
                + "(threshold 20 %); WORSE: destination loss 0 -> 40 %");

        assertThat(pair.feed(Lab.usual())).isEmpty();
        assertThat(pair.feed(Lab.usual())).extracting(PathEvent::type).containsExactly(EventType.LOSS_RECOVERED);
    }

    @Test
    void lossAtIntermediateHopsOnlyIsRateLimitingNotLoss() {
        pair.feed(Lab.usual(), 3);
        assertThat(pair.feed(Lab.usual().lossAt(4, 60).lossAt(6, 100), 5)).isEmpty();
    }

    @Test
    void aTargetsOwnThresholdsAndConfirmationsOverrideTheDefaults() {
        PairFeed strict = new PairFeed(new PathAnalyzer(DetectorConfig.defaults(), Lab.rib()),
                new TargetContext(null, new DetectionThresholds(50.0, null, 30.0, 3)));
        strict.feed(Lab.usual(), 6);
        assertThat(strict.feed(Lab.usual().slowerFrom(5, 30), 3)).isEmpty();
        assertThat(strict.feed(Lab.usual().lossFrom(7, 40), 2)).isEmpty();
        assertThat(strict.feed(Lab.usual().lossFrom(7, 40))).extracting(PathEvent::type).containsExactly(EventType.LOSS_STARTED);
    }
}
