package io.smoketrace.alerting.engine;

import static io.smoketrace.common.event.EventType.AS_PATH_CHANGED;
import static io.smoketrace.common.event.EventType.IP_PATH_CHANGED;
import static io.smoketrace.common.event.EventType.LATENCY_INCREASED;
import static io.smoketrace.common.event.EventType.LATENCY_RECOVERED;
import static io.smoketrace.common.event.EventType.LOSS_STARTED;
import static io.smoketrace.common.event.EventType.TARGET_UNREACHABLE;
import static org.assertj.core.api.Assertions.assertThat;

import io.smoketrace.alerting.Alert;
import io.smoketrace.alerting.Matcher;
import io.smoketrace.alerting.Routing;
import io.smoketrace.alerting.Rule;
import io.smoketrace.alerting.Silence;
import io.smoketrace.alerting.fixtures.Events;
import io.smoketrace.alerting.fixtures.MutableClock;
import io.smoketrace.alerting.fixtures.Rules;
import io.smoketrace.common.alert.AlertNotification.AlertStatus;
import io.smoketrace.common.event.PathEvent;
import io.smoketrace.common.event.Verdict.Judgement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The engine's behaviour, time moved by hand: no sleeps, no I/O. */
class AlertEngineTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T10:00:00Z"));

    static Routing routing(String groupWait, String groupInterval, String repeat, String... groupBy) {
        return new Routing(List.of(webhook("noc", null)),
                new Routing.Route("noc", null, List.of(groupBy), groupWait, groupInterval, repeat, null, null), null);
    }

    static Routing.Receiver webhook(String name, Boolean sendResolved) {
        return new Routing.Receiver(name, Routing.ReceiverKind.WEBHOOK, "http://localhost/hook", null, null, null, null,
                sendResolved, null, null);
    }

    private AlertEngine engine(Routing routing, Rule... rules) {
        AlertEngine engine = new AlertEngine(clock, routing);
        engine.setRules(List.of(rules));
        return engine;
    }

    private List<PlannedNotification> send(AlertEngine engine, PathEvent... events) {
        return engine.onEvents(List.of(events)).notifications();
    }

    private List<PlannedNotification> after(AlertEngine engine, Duration by) {
        clock.advance(by);
        return engine.tick().notifications();
    }

    private static List<String> alertIds(PlannedNotification n) {
        return n.alerts().stream().map(Alert::alertId).toList();
    }

    @Nested
    class Grouping {

        @Test
        void alertsOfOneTargetWaitForGroupWaitAndGoOutTogether() {
            AlertEngine engine = engine(routing("30s", "5m", "4h", "targetId"), Rules.rule("path", IP_PATH_CHANGED).build());

            assertThat(send(engine, Events.of(IP_PATH_CHANGED, "fra1", "web").build())).isEmpty();
            clock.advance(Duration.ofSeconds(10));
            assertThat(send(engine, Events.of(IP_PATH_CHANGED, "ams1", "web").build(),
                    Events.of(IP_PATH_CHANGED, "ams1", "db").build())).isEmpty();

            List<PlannedNotification> sent = after(engine, Duration.ofSeconds(20));
            assertThat(sent).hasSize(1);
            assertThat(sent.getFirst().groupKey()).isEqualTo("noc:{targetId=\"web\"}");
            assertThat(sent.getFirst().status()).isEqualTo(AlertStatus.FIRING);
            assertThat(alertIds(sent.getFirst())).containsExactlyInAnyOrder("path/fra1/web", "path/ams1/web");

            List<PlannedNotification> later = after(engine, Duration.ofSeconds(10));
            assertThat(later).singleElement().satisfies(n -> assertThat(alertIds(n)).containsExactly("path/ams1/db"));
        }

        @Test
        void aNewAlertInANotifiedGroupWaitsForTheGroupInterval() {
            AlertEngine engine = engine(routing("0s", "5m", "4h", "targetId"), Rules.rule("path", IP_PATH_CHANGED).build());
            assertThat(send(engine, Events.of(IP_PATH_CHANGED, "fra1", "web").build())).hasSize(1);

            clock.advance(Duration.ofMinutes(1));
            assertThat(send(engine, Events.of(IP_PATH_CHANGED, "ams1", "web").build())).isEmpty();
            assertThat(after(engine, Duration.ofMinutes(3))).isEmpty();

            List<PlannedNotification> sent = after(engine, Duration.ofMinutes(1));
            assertThat(sent).singleElement().satisfies(n ->
                    assertThat(alertIds(n)).containsExactlyInAnyOrder("path/fra1/web", "path/ams1/web"));
        }

        @Test
        void anUnchangedFiringGroupIsRepeatedAfterTheRepeatIntervalOnly() {
            AlertEngine engine = engine(routing("0s", "5m", "4h", "targetId"), Rules.rule("path", IP_PATH_CHANGED).build());
            assertThat(send(engine, Events.of(IP_PATH_CHANGED, "fra1", "web").build())).hasSize(1);

            for (int i = 0; i < 47; i++) {
                assertThat(after(engine, Duration.ofMinutes(5))).as("after %d min", (i + 1) * 5).isEmpty();
            }
            assertThat(after(engine, Duration.ofMinutes(5))).singleElement()
                    .satisfies(n -> assertThat(n.status()).isEqualTo(AlertStatus.FIRING));
        }

        @Test
        void replacingTheRoutingReNotifiesNothingThatWasAlreadyTold() {
            Routing routing = new Routing(List.of(webhook("noc", null), webhook("chat", null)),
                    new Routing.Route("noc", null, List.of("targetId"), "0s", "1m", "4h", null,
                            List.of(new Routing.Route("chat", null, null, null, null, null, true, null),
                                    new Routing.Route("noc", null, null, null, null, null, null, null))), null);
            AlertEngine engine = engine(routing, Rules.rule("path", IP_PATH_CHANGED).build());
            assertThat(send(engine, Events.of(IP_PATH_CHANGED, "fra1", "web").build())).hasSize(2);

            engine.setRouting(routing);
            assertThat(after(engine, Duration.ofMinutes(1))).isEmpty();
            assertThat(after(engine, Duration.ofHours(3))).isEmpty();
        }

        @Test
        void routesPickReceiversWithMatchersAndContinue() {
            Routing routing = new Routing(List.of(webhook("noc", null), webhook("web-team", null), webhook("pager", null)),
                    new Routing.Route("noc", null, List.of("targetId"), "0s", "5m", "4h", null, List.of(
                            new Routing.Route("web-team", List.of(new Matcher("tags", "=~", ".*web.*")), null, null, null,
                                    null, true, null),
                            new Routing.Route("pager", List.of(new Matcher("severity", "=", "CRITICAL")), null, null, null,
                                    null, null, null))),
                    null);
            AlertEngine engine = engine(routing, Rules.rule("path", IP_PATH_CHANGED).build(),
                    Rules.rule("down", TARGET_UNREACHABLE).severity(io.smoketrace.common.alert.AlertNotification.Severity.CRITICAL).build());

            List<PlannedNotification> sent = send(engine, Events.of(IP_PATH_CHANGED, "fra1", "web").build(),
                    Events.of(TARGET_UNREACHABLE, "ams1", "web").build(),
                    Events.of(IP_PATH_CHANGED, "fra1", "intranet").labels(java.util.Map.of("tags", "internal")).build());

            assertThat(sent).extracting(PlannedNotification::groupKey, n -> n.alerts().size()).containsExactlyInAnyOrder(
                    org.assertj.core.groups.Tuple.tuple("web-team@0:{targetId=\"web\"}", 2),
                    org.assertj.core.groups.Tuple.tuple("pager@1:{targetId=\"web\"}", 1),
                    org.assertj.core.groups.Tuple.tuple("noc:{targetId=\"intranet\"}", 1));
        }
    }

    @Nested
    class Resolving {

        @Test
        void theRecoveryEventResolvesAndTheResolvedNotificationFollows() {
            AlertEngine engine = engine(routing("0s", "1m", "4h", "targetId"),
                    Rules.rule("latency", LATENCY_INCREASED).build());
            assertThat(send(engine, Events.of(LATENCY_INCREASED, "fra1", "web").latency(12, 40).build())).hasSize(1);

            clock.advance(Duration.ofSeconds(30));
            EngineStep step = engine.onEvents(List.of(Events.of(LATENCY_RECOVERED, "fra1", "web").verdict(Judgement.BETTER).build()));
            assertThat(step.alerts()).singleElement().satisfies(a -> {
                assertThat(a.status()).isEqualTo(AlertStatus.RESOLVED);
                assertThat(a.endsAt()).isEqualTo(clock.instant());
                assertThat(a.recovery().type()).isEqualTo(LATENCY_RECOVERED);
            });
            assertThat(step.notifications()).isEmpty();

            List<PlannedNotification> sent = after(engine, Duration.ofSeconds(30));
            assertThat(sent).singleElement().satisfies(n -> {
                assertThat(n.status()).isEqualTo(AlertStatus.RESOLVED);
                assertThat(n.alerts()).singleElement().satisfies(a -> assertThat(a.status()).isEqualTo(AlertStatus.RESOLVED));
            });
            assertThat(after(engine, Duration.ofHours(5))).isEmpty();
            assertThat(engine.alerts()).isEmpty();
        }

        @Test
        void aPathChangeResolvesWhenThePathGoesBack() {
            AlertEngine engine = engine(routing("0s", "1m", "4h", "targetId"), Rules.rule("path", IP_PATH_CHANGED).build());
            send(engine, Events.of(IP_PATH_CHANGED, "fra1", "web").paths("p-1", "p-2").build());
            send(engine, Events.of(IP_PATH_CHANGED, "fra1", "web").paths("p-2", "p-3").build());
            assertThat(engine.firingCount()).isEqualTo(1);

            send(engine, Events.of(IP_PATH_CHANGED, "fra1", "web").paths("p-3", "p-1").verdict(Judgement.BETTER).build());
            assertThat(engine.firingCount()).isZero();
            assertThat(after(engine, Duration.ofMinutes(1))).singleElement()
                    .satisfies(n -> assertThat(n.status()).isEqualTo(AlertStatus.RESOLVED));
        }

        @Test
        void aReceiverThatDoesNotWantResolvedNotificationsGetsNone() {
            Routing routing = new Routing(List.of(webhook("noc", false)),
                    new Routing.Route("noc", null, List.of("targetId"), "0s", "1m", "4h", null, null), null);
            AlertEngine engine = engine(routing, Rules.rule("loss", LOSS_STARTED).build());
            assertThat(send(engine, Events.of(LOSS_STARTED, "fra1", "web").loss(20).build())).hasSize(1);
            send(engine, Events.of(EventTypeRecovery.LOSS_RECOVERED, "fra1", "web").verdict(Judgement.BETTER).build());
            assertThat(after(engine, Duration.ofMinutes(1))).isEmpty();
        }

        @Test
        void eventsWithoutARecoveryResolveAfterTheRulesTimeout() {
            AlertEngine engine = engine(routing("0s", "1m", "4h", "targetId"),
                    Rules.rule("flap", io.smoketrace.common.event.EventType.PATH_FLAPPING).resolveAfter("30m").build());
            send(engine, Events.of(io.smoketrace.common.event.EventType.PATH_FLAPPING, "fra1", "web").build());
            after(engine, Duration.ofMinutes(29));
            assertThat(engine.firingCount()).isEqualTo(1);
            after(engine, Duration.ofMinutes(1));
            assertThat(engine.firingCount()).isZero();
        }
    }

    /** The recovery types, named for readability. */
    static final class EventTypeRecovery {
        static final io.smoketrace.common.event.EventType LOSS_RECOVERED = io.smoketrace.common.event.EventType.LOSS_RECOVERED;
    }

    @Nested
    class Triggering {

        @Test
        void confirmationsCountDistinctEventsOnly() {
            AlertEngine engine = engine(routing("0s", "1m", "4h", "targetId"),
                    Rules.rule("path", IP_PATH_CHANGED).confirmations(2).build());
            PathEvent first = Events.of(IP_PATH_CHANGED, "fra1", "web").build();
            send(engine, first);
            send(engine, first);
            assertThat(engine.firingCount()).as("a replayed event is not a confirmation").isZero();
            send(engine, Events.of(IP_PATH_CHANGED, "fra1", "web").paths("p-2", "p-3").build());
            assertThat(engine.firingCount()).isEqualTo(1);
        }

        @Test
        void thePendingPeriodMustPassWithoutARecovery() {
            AlertEngine engine = engine(routing("0s", "1m", "4h", "targetId"),
                    Rules.rule("latency", LATENCY_INCREASED).pendingFor("2m").build());
            send(engine, Events.of(LATENCY_INCREASED, "fra1", "web").latency(12, 40).build());
            after(engine, Duration.ofMinutes(1));
            send(engine, Events.of(LATENCY_RECOVERED, "fra1", "web").build());
            after(engine, Duration.ofMinutes(5));
            assertThat(engine.firingCount()).as("recovered within the pending period").isZero();

            send(engine, Events.of(LATENCY_INCREASED, "fra1", "web").latency(12, 40).build());
            after(engine, Duration.ofSeconds(119));
            assertThat(engine.firingCount()).isZero();
            after(engine, Duration.ofSeconds(1));
            assertThat(engine.firingCount()).isEqualTo(1);
        }

        @Test
        void verdictsThresholdsTargetsAndLabelMatchersFilterEvents() {
            AlertEngine engine = engine(routing("0s", "1m", "4h", "targetId"),
                    Rules.rule("latency", LATENCY_INCREASED).verdicts(Judgement.WORSE).minLatencyIncreaseMs(20)
                            .targets("web", "db").matchers(new Matcher("tags", "=~", ".*customer.*")).build());
            send(engine, Events.of(LATENCY_INCREASED, "fra1", "web").latency(12, 25).build());
            send(engine, Events.of(LATENCY_INCREASED, "fra1", "db").latency(12, 40).verdict(Judgement.NEUTRAL).build());
            send(engine, Events.of(LATENCY_INCREASED, "fra1", "mail").latency(12, 40).build());
            send(engine, Events.of(LATENCY_INCREASED, "ams1", "db").latency(12, 40).labels(java.util.Map.of("tags", "internal")).build());
            assertThat(engine.firingCount()).isZero();

            send(engine, Events.of(LATENCY_INCREASED, "fra1", "web").latency(12, 32).build());
            assertThat(engine.alerts()).singleElement().satisfies(s -> {
                assertThat(s.alert().alertId()).isEqualTo("latency/fra1/web");
                assertThat(s.alert().labels()).containsEntry("site", "Frankfurt DC1").containsEntry("severity", "WARNING")
                        .containsEntry("type", "LATENCY_INCREASED").containsEntry("agentId", "fra1").containsEntry("hop", "2");
            });
        }
    }

    @Nested
    class Silences {

        @Test
        void aSilencedAlertIsNotNotifiedUntilTheSilenceExpires() {
            AlertEngine engine = engine(routing("0s", "1m", "4h", "targetId"), Rules.rule("path", IP_PATH_CHANGED).build());
            engine.setSilences(List.of(new Silence("s1", List.of(new Matcher("targetId", "=", "web"),
                    new Matcher("agentId", "!~", "ams.*")), clock.instant(), clock.instant().plus(Duration.ofMinutes(10)),
                    "noc", "maintenance")));

            List<PlannedNotification> sent = send(engine, Events.of(IP_PATH_CHANGED, "fra1", "web").build(),
                    Events.of(IP_PATH_CHANGED, "ams1", "web").build());
            assertThat(sent).singleElement().satisfies(n -> assertThat(alertIds(n)).containsExactly("path/ams1/web"));
            assertThat(engine.alerts()).filteredOn(AlertEngine.AlertState::silenced).extracting(s -> s.alert().alertId())
                    .containsExactly("path/fra1/web");

            assertThat(after(engine, Duration.ofMinutes(9))).isEmpty();
            assertThat(after(engine, Duration.ofMinutes(1))).singleElement().satisfies(n ->
                    assertThat(alertIds(n)).containsExactlyInAnyOrder("path/fra1/web", "path/ams1/web"));
        }
    }

    @Nested
    class Inhibition {

        @Test
        void aBgpExplainedPathChangeInhibitsLatencyAndLossAlertsForTheSameTarget() {
            AlertEngine engine = engine(routing("0s", "1m", "4h", "agentId", "targetId", "rule"),
                    Rules.rule("as-path", AS_PATH_CHANGED).build(), Rules.rule("latency", LATENCY_INCREASED).build(),
                    Rules.rule("loss", LOSS_STARTED).build());

            List<PlannedNotification> sent = send(engine, Events.of(AS_PATH_CHANGED, "fra1", "web").withBgp().build(),
                    Events.of(LATENCY_INCREASED, "ams1", "web").latency(12, 40).build(),
                    Events.of(LOSS_STARTED, "fra1", "web").loss(30).build(),
                    Events.of(LATENCY_INCREASED, "fra1", "db").latency(12, 40).build());

            assertThat(sent).flatExtracting(PlannedNotification::alerts).extracting(Alert::alertId)
                    .containsExactlyInAnyOrder("as-path/fra1/web", "latency/fra1/db");
            assertThat(engine.alerts()).filteredOn(AlertEngine.AlertState::inhibited).extracting(s -> s.alert().alertId())
                    .containsExactlyInAnyOrder("latency/ams1/web", "loss/fra1/web");
        }

        @Test
        void aPathChangeWithoutBgpExplanationInhibitsNothing() {
            AlertEngine engine = engine(routing("0s", "1m", "4h", "rule"),
                    Rules.rule("as-path", AS_PATH_CHANGED).build(), Rules.rule("latency", LATENCY_INCREASED).build());
            List<PlannedNotification> sent = send(engine, Events.of(AS_PATH_CHANGED, "fra1", "web").build(),
                    Events.of(LATENCY_INCREASED, "fra1", "web").latency(12, 40).build());
            assertThat(sent).flatExtracting(PlannedNotification::alerts).hasSize(2);
        }

        @Test
        void anUnreachableTargetInhibitsHopLevelAlertsOfTheSameVantagePointOnly() {
            AlertEngine engine = engine(routing("0s", "1m", "4h", "agentId", "rule"),
                    Rules.rule("down", TARGET_UNREACHABLE).build(), Rules.rule("path", IP_PATH_CHANGED).build());
            List<PlannedNotification> sent = send(engine, Events.of(TARGET_UNREACHABLE, "fra1", "web").hop(null).build(),
                    Events.of(IP_PATH_CHANGED, "fra1", "web").build(), Events.of(IP_PATH_CHANGED, "ams1", "web").build());
            assertThat(sent).flatExtracting(PlannedNotification::alerts).extracting(Alert::alertId)
                    .containsExactlyInAnyOrder("down/fra1/web", "path/ams1/web");

            // When the target is reachable again, the hop-level alert it explained is told.
            send(engine, Events.of(io.smoketrace.common.event.EventType.TARGET_REACHABLE, "fra1", "web").build());
            List<PlannedNotification> next = after(engine, Duration.ofMinutes(1));
            assertThat(next).flatExtracting(PlannedNotification::alerts).extracting(Alert::alertId, Alert::status)
                    .contains(org.assertj.core.groups.Tuple.tuple("path/fra1/web", AlertStatus.FIRING),
                            org.assertj.core.groups.Tuple.tuple("down/fra1/web", AlertStatus.RESOLVED));
        }
    }

    @Nested
    class Quorum {

        @Test
        void firesOnlyWhenEnoughVantagePointsSeeItWithinTheWindow() {
            AlertEngine engine = engine(routing("0s", "1m", "4h", "targetId"),
                    Rules.rule("reach", TARGET_UNREACHABLE).quorum(2, "5m").build());
            send(engine, Events.of(TARGET_UNREACHABLE, "fra1", "web").build());
            assertThat(engine.firingCount()).isZero();

            clock.advance(Duration.ofMinutes(6));
            send(engine, Events.of(TARGET_UNREACHABLE, "ams1", "web").build());
            assertThat(engine.firingCount()).as("onsets 6 minutes apart").isZero();

            clock.advance(Duration.ofMinutes(2));
            List<PlannedNotification> sent = send(engine, Events.of(TARGET_UNREACHABLE, "lon1", "web").build());
            assertThat(sent).singleElement().satisfies(n -> assertThat(n.alerts()).singleElement().satisfies(a -> {
                assertThat(a.alertId()).isEqualTo("reach/web");
                assertThat(a.labels()).doesNotContainKey("agentId");
                assertThat(a.annotations().get("agents")).isEqualTo("ams1,fra1,lon1");
            }));

            send(engine, Events.of(io.smoketrace.common.event.EventType.TARGET_REACHABLE, "lon1", "web").build());
            assertThat(engine.firingCount()).as("fra1 and ams1 still see it").isEqualTo(1);
            send(engine, Events.of(io.smoketrace.common.event.EventType.TARGET_REACHABLE, "ams1", "web").build());
            assertThat(engine.firingCount()).as("only one vantage point left").isZero();
        }
    }

    @Nested
    class FlapDamping {

        private final Rule rule = Rules.rule("path", IP_PATH_CHANGED).damping(1000, "15m", 2000, 750, "60m").build();

        private void flap(AlertEngine engine, int times) {
            for (int i = 0; i < times; i++) {
                send(engine, Events.of(IP_PATH_CHANGED, "fra1", "web").paths("p-1", "p-2").build());
                clock.advance(Duration.ofSeconds(30));
                send(engine, Events.of(IP_PATH_CHANGED, "fra1", "web").paths("p-2", "p-1").build());
                clock.advance(Duration.ofSeconds(30));
            }
        }

        @Test
        void theFirstChangesAreToldThenTheAlertIsSuppressedUntilThePenaltyDecays() {
            AlertEngine engine = engine(routing("0s", "10s", "4h", "targetId"), rule);

            send(engine, Events.of(IP_PATH_CHANGED, "fra1", "web").paths("p-1", "p-2").build());
            assertThat(engine.firingCount()).as("first change told").isEqualTo(1);
            clock.advance(Duration.ofSeconds(30));
            send(engine, Events.of(IP_PATH_CHANGED, "fra1", "web").paths("p-2", "p-1").build());
            assertThat(engine.firingCount()).as("revert told: penalty ~1977, below the suppress limit").isZero();
            clock.advance(Duration.ofSeconds(30));
            send(engine, Events.of(IP_PATH_CHANGED, "fra1", "web").paths("p-1", "p-2").build());
            assertThat(engine.firingCount()).as("third change: penalty ~2955, suppressed, state frozen").isZero();

            clock.advance(Duration.ofSeconds(30));
            send(engine, Events.of(IP_PATH_CHANGED, "fra1", "web").paths("p-2", "p-1").build());
            clock.advance(Duration.ofSeconds(30));
            flap(engine, 3);
            send(engine, Events.of(IP_PATH_CHANGED, "fra1", "web").paths("p-1", "p-2").build());
            assertThat(engine.firingCount()).as("still suppressed while it flaps").isZero();

            // The penalty is capped at reuse * 2^(60m/15m) = 12000; it must halve until below 750.
            double penalty = engine.penalty("path/fra1/web");
            assertThat(penalty).isGreaterThan(2000.0).isLessThanOrEqualTo(12000.0);
            long halvings = (long) Math.ceil(Math.log(penalty / 750) / Math.log(2));
            clock.advance(Duration.ofMinutes(15).multipliedBy(halvings - 1));
            engine.tick();
            assertThat(engine.firingCount()).as("not yet below the reuse limit").isZero();
            clock.advance(Duration.ofMinutes(15));
            engine.tick();
            assertThat(engine.firingCount()).as("reused: the latest state (path changed to p-2) is published").isEqualTo(1);
        }

        @Test
        void thePenaltyHalvesEveryHalfLife() {
            AlertEngine engine = engine(routing("0s", "10s", "4h", "targetId"), rule);
            send(engine, Events.of(IP_PATH_CHANGED, "fra1", "web").paths("p-1", "p-2").build());
            assertThat(engine.penalty("path/fra1/web")).isEqualTo(1000.0);
            clock.advance(Duration.ofMinutes(15));
            assertThat(engine.penalty("path/fra1/web")).isCloseTo(500.0, org.assertj.core.data.Offset.offset(0.01));
            clock.advance(Duration.ofMinutes(30));
            assertThat(engine.penalty("path/fra1/web")).isCloseTo(125.0, org.assertj.core.data.Offset.offset(0.01));
        }
    }
}
