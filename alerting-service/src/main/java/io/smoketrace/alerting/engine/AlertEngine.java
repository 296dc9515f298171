package io.smoketrace.alerting.engine;

import io.smoketrace.alerting.Alert;
import io.smoketrace.common.alert.Durations;
import io.smoketrace.alerting.Matcher;
import io.smoketrace.alerting.Routing;
import io.smoketrace.alerting.Rule;
import io.smoketrace.alerting.Silence;
import io.smoketrace.common.alert.AlertNotification.AlertStatus;
import io.smoketrace.common.event.EventType;
import io.smoketrace.common.event.PathEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns path events into alerts and alerts into notifications, without I/O: rules with
 * confirmations, pending periods, flap damping and quorum; the route tree with grouping, group
 * wait/interval and repeat; silences and inhibition. Time comes from the injected clock, so every
 * behaviour is testable without waiting. Thread-safe: every entry point holds the engine's lock.
 */
public final class AlertEngine {

    /** The recovery event of each event type that has one. */
    static final Map<EventType, EventType> RECOVERY = new EnumMap<>(Map.of(
            EventType.LATENCY_INCREASED, EventType.LATENCY_RECOVERED,
            EventType.LOSS_STARTED, EventType.LOSS_RECOVERED,
            EventType.TARGET_UNREACHABLE, EventType.TARGET_REACHABLE));

    /** Path changes: they recover when a later change takes the path back to where it was. */
    static final Set<EventType> REVERTIBLE = EnumSet.of(EventType.IP_PATH_CHANGED, EventType.AS_PATH_CHANGED,
            EventType.HOP_COUNT_CHANGED);

    /** How long an alert on an event with no recovery (flapping, BGP change, mismatch) fires without a rule saying. */
    static final Duration DEFAULT_RESOLVE_AFTER = Duration.ofHours(1);

    private static final int SEEN_EVENTS = 100_000;

    private final Clock clock;
    private final Map<String, CompiledRule> rules = new LinkedHashMap<>();
    private final Map<String, Track> tracks = new HashMap<>();
    private final Map<String, Alert> alerts = new HashMap<>();
    private final Map<String, AggregationGroup> groups = new LinkedHashMap<>();
    private final Map<String, Alert> changed = new LinkedHashMap<>();
    private final Set<String> seenEvents = java.util.Collections.newSetFromMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > SEEN_EVENTS;
        }
    });
    private List<CompiledSilence> silences = List.of();
    private List<CompiledInhibition> inhibitions = List.of();
    /** Firing alerts matching each inhibit rule's source, computed once per step (null: not yet). */
    private List<List<Alert>> inhibitionSources;
    private volatile Routing routing;
    /** Tracks to evaluate at the next step: touched by events, or waiting for time (pending, damping, expiry). */
    private final Set<Track> active = new LinkedHashSet<>();
    /** Groups by when they are due to flush; an entry is stale when the group's own time differs. */
    private final java.util.PriorityQueue<Due> due = new java.util.PriorityQueue<>(java.util.Comparator.comparing(Due::at));
    /** How many groups hold each alert, so a resolved alert is forgotten once every group has told it. */
    private final Map<String, Integer> groupsHolding = new HashMap<>();
    private RouteTree routes;

    public AlertEngine(Clock clock, Routing routing) {
        this.clock = clock;
        setRouting(routing);
    }

    /** The inhibit rules that apply when the routing configuration names none. */
    public static List<Routing.InhibitRule> defaultInhibitions() {
        return List.of(
                new Routing.InhibitRule("a routing change explained by BGP explains the latency and loss it causes",
                        List.of(new Matcher(AlertLabels.BGP, "=", AlertLabels.BGP_EXPLAINED),
                                new Matcher(AlertLabels.TYPE, "!~", "LATENCY_INCREASED|LOSS_STARTED")),
                        List.of(new Matcher(AlertLabels.TYPE, "=~", "LATENCY_INCREASED|LOSS_STARTED")),
                        List.of(AlertLabels.TARGET)),
                new Routing.InhibitRule("an unreachable target explains every hop-level alert for it from that vantage point",
                        List.of(new Matcher(AlertLabels.TYPE, "=", "TARGET_UNREACHABLE")),
                        List.of(new Matcher(AlertLabels.HOP, "=~", ".+"),
                                new Matcher(AlertLabels.TYPE, "!=", "TARGET_UNREACHABLE")),
                        List.of(AlertLabels.AGENT, AlertLabels.TARGET)));
    }

    // ---------------------------------------------------------------- configuration

    /** Replaces every rule. */
    public synchronized void setRules(Collection<Rule> all) {
        Set<String> ids = new HashSet<>();
        for (Rule rule : all) {
            putRule(rule);
            ids.add(rule.id());
        }
        for (String id : new ArrayList<>(rules.keySet())) {
            if (!ids.contains(id)) {
                removeRule(id);
            }
        }
    }

    /** Adds or replaces a rule; a changed rule starts counting afresh, its firing alerts keep firing until they recover. */
    public synchronized void putRule(Rule rule) {
        CompiledRule previous = rules.put(rule.id(), new CompiledRule(rule));
        if (previous != null && !previous.rule.equals(rule)) {
            dropTracks(rule.id(), !rule.active());
        }
    }

    /** Removes a rule and resolves what it fired. */
    public synchronized void removeRule(String id) {
        if (rules.remove(id) != null) {
            dropTracks(id, true);
        }
    }

    private void dropTracks(String ruleId, boolean resolve) {
        Instant now = clock.instant();
        for (Iterator<Track> it = tracks.values().iterator(); it.hasNext(); ) {
            Track track = it.next();
            if (track.ruleId.equals(ruleId)) {
                if (!resolve) {
                    // Keep publishing state; a new rule definition applies to new evidence.
                    track.rule = rules.get(ruleId);
                    track.damper = track.rule.rule.damping() == null ? null : new FlapDamper(track.rule.rule.damping());
                    active.add(track);
                    continue;
                }
                Alert alert = alerts.get(track.alertId);
                if (alert != null && alert.firing()) {
                    publish(alert.resolved(now, null));
                }
                active.remove(track);
                it.remove();
            }
        }
    }

    /** Replaces the silences. */
    public synchronized void setSilences(Collection<Silence> all) {
        silences = all.stream().map(CompiledSilence::new).toList();
    }

    /** Replaces receivers, routes and inhibit rules; groups are rebuilt, keeping what each already notified. */
    public synchronized void setRouting(Routing newRouting) {
        this.routing = newRouting;
        this.routes = new RouteTree(newRouting);
        List<Routing.InhibitRule> rules = newRouting.inhibitRules() == null ? defaultInhibitions() : newRouting.inhibitRules();
        this.inhibitions = rules.stream().map(CompiledInhibition::new).toList();
        this.inhibitionSources = null;
        Map<String, AggregationGroup> previous = new LinkedHashMap<>(groups);
        groups.clear();
        due.clear();
        groupsHolding.clear();
        Instant now = clock.instant();
        for (AggregationGroup old : previous.values()) {
            for (Alert alert : old.alerts.values()) {
                for (RouteTree.Node node : routes.match(alert.labels())) {
                    AggregationGroup group = group(node, alert, now);
                    AggregationGroup before = previous.get(group.groupKey);
                    // A group that exists before and after keeps what it told, so a routing change re-notifies nothing.
                    if (before != null && group.lastNotifiedAt == null && before.lastNotifiedAt != null) {
                        group.notifiedFiring.addAll(before.notifiedFiring);
                        group.lastNotifiedAt = before.lastNotifiedAt;
                        schedule(group, before.nextFlushAt);
                    }
                }
            }
        }
    }

    /** The routing in force (read without the engine's lock: delivery reads it at every attempt). */
    public Routing routing() {
        return routing;
    }

    /** Restores alerts stored before a restart; their groups count them as already notified. */
    public synchronized void restore(Collection<Alert> firing) {
        Instant now = clock.instant();
        for (Alert alert : firing) {
            if (!alert.firing()) {
                continue;
            }
            alerts.put(alert.alertId(), alert);
            CompiledRule rule = rules.get(alert.ruleId());
            if (rule != null && alert.trigger() != null) {
                Track track = new Track(alert.alertId(), rule, alert.trigger().targetId());
                track.published = true;
                Onset onset = new Onset(alert.startsAt(), alert.trigger());
                onset.count = Integer.MAX_VALUE / 2;
                track.onsets.put(alert.trigger().agentId(), onset);
                tracks.put(alert.alertId(), track);
            }
            for (RouteTree.Node node : routes.match(alert.labels())) {
                AggregationGroup group = group(node, alert, now);
                group.notifiedFiring.add(alert.alertId());
                group.lastNotifiedAt = now;
                schedule(group, now.plus(node.groupInterval()));
            }
        }
    }

    // ---------------------------------------------------------------- evaluation

    /** Applies a batch of events, then whatever is due; returns what to store and send. */
    public synchronized EngineStep onEvents(List<PathEvent> events) {
        Instant now = clock.instant();
        for (PathEvent event : events) {
            if (!seenEvents.add(event.eventId())) {
                continue;
            }
            for (CompiledRule rule : rules.values()) {
                if (rule.rule.active()) {
                    apply(rule, event, now);
                }
            }
        }
        return advance(now);
    }

    /** Evaluates what time alone changes (pending periods, damping reuse, expiries, group timers). */
    public synchronized EngineStep tick() {
        return advance(clock.instant());
    }

    private void apply(CompiledRule rule, PathEvent event, Instant now) {
        if (!rule.matchesScope(event)) {
            return;
        }
        String alertId = rule.alertId(event);
        Track track = tracks.get(alertId);
        if (track != null && REVERTIBLE.contains(event.type()) && track.isRevertedBy(event)) {
            track.recover(event, now);
            active.add(track);
            return;
        }
        if (rule.rule.eventTypes().contains(event.type())) {
            if (rule.triggers(event)) {
                if (track == null) {
                    track = new Track(alertId, rule, event.targetId());
                    tracks.put(alertId, track);
                }
                track.trigger(event, now);
                active.add(track);
            }
            return;
        }
        if (track != null && rule.recoveries.contains(event.type())) {
            track.recover(event, now);
            active.add(track);
        }
    }

    private EngineStep advance(Instant now) {
        for (Track track : new ArrayList<>(active)) {
            evaluate(track, now);
            if (track.idle(now)) {
                tracks.remove(track.alertId);
                active.remove(track);
            } else if (!track.needsTime()) {
                active.remove(track);
            }
        }
        List<PlannedNotification> notifications = new ArrayList<>();
        inhibitionSources = null;
        List<AggregationGroup> dueNow = new ArrayList<>();
        while (!due.isEmpty() && !due.peek().at().isAfter(now)) {
            Due entry = due.poll();
            AggregationGroup group = groups.get(entry.groupKey());
            if (group != null && group.nextFlushAt.equals(entry.at())) {
                dueNow.add(group);
            }
        }
        for (AggregationGroup group : dueNow) {
            PlannedNotification planned = flush(group, now);
            if (planned != null) {
                notifications.add(planned);
            }
            if (group.alerts.isEmpty()) {
                groups.remove(group.groupKey);
            }
        }
        EngineStep step = new EngineStep(List.copyOf(changed.values()), notifications);
        changed.clear();
        return step;
    }

    private void schedule(AggregationGroup group, Instant at) {
        group.nextFlushAt = at;
        due.add(new Due(at, group.groupKey));
    }

    /** A group due to flush at a time. */
    private record Due(Instant at, String groupKey) {
    }

    private void evaluate(Track track, Instant now) {
        track.expire(now);
        boolean wanted = track.conditionHolds(now);
        if (track.damper != null && track.damper.suppressed(now)) {
            return;
        }
        Alert current = alerts.get(track.alertId);
        if (wanted && (current == null || !current.firing())) {
            track.published = true;
            publish(newAlert(track, now));
        } else if (wanted && track.latestTrigger != null && !current.eventIds().contains(track.latestTrigger.eventId())) {
            publish(current.withTrigger(track.latestTrigger));
        } else if (!wanted && current != null && current.firing()) {
            track.published = false;
            publish(current.resolved(now, track.latestRecovery));
        }
    }

    private Alert newAlert(Track track, Instant now) {
        Rule rule = track.rule.rule;
        PathEvent first = track.firstTrigger();
        Map<String, String> labels = new TreeMap<>(first.labels());
        labels.put(AlertLabels.RULE, rule.id());
        labels.put(AlertLabels.SEVERITY, rule.severity().name());
        labels.put(AlertLabels.TYPE, first.type().name());
        labels.put(AlertLabels.TARGET, first.targetId());
        labels.put(AlertLabels.VERDICT, first.verdict().judgement().name());
        if (track.rule.quorum == null) {
            labels.put(AlertLabels.AGENT, first.agentId());
            if (first.hop() != null) {
                labels.put(AlertLabels.HOP, String.valueOf(first.hop()));
            }
        }
        if (track.onsets.values().stream().anyMatch(o -> explainedByBgp(o.latest))) {
            labels.put(AlertLabels.BGP, AlertLabels.BGP_EXPLAINED);
        }
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("summary", rule.summary() != null ? rule.summary()
                : first.summary() != null ? first.summary() : first.type() + " " + first.agentId() + "/" + first.targetId());
        if (rule.name() != null) {
            annotations.put("rule", rule.name());
        }
        if (track.rule.quorum != null) {
            annotations.put("agents", String.join(",", new java.util.TreeSet<>(track.onsets.keySet())));
        }
        List<String> ids = new ArrayList<>();
        for (Onset onset : track.onsets.values()) {
            ids.addAll(onset.eventIds);
        }
        PathEvent latest = track.latestTrigger == null ? first : track.latestTrigger;
        return new Alert(track.alertId, rule.id(), rule.severity(), AlertStatus.FIRING, labels, annotations, now, null,
                ids.size() > Alert.MAX_EVENT_IDS ? ids.subList(ids.size() - Alert.MAX_EVENT_IDS, ids.size()) : ids,
                latest, null);
    }

    static boolean explainedByBgp(PathEvent event) {
        return event.type() == EventType.BGP_ROUTE_CHANGED || !event.bgpUpdates().isEmpty();
    }

    private void publish(Alert alert) {
        alerts.put(alert.alertId(), alert);
        changed.put(alert.alertId(), alert);
        route(alert, clock.instant());
    }

    private void route(Alert alert, Instant now) {
        for (RouteTree.Node node : routes.match(alert.labels())) {
            group(node, alert, now);
        }
    }

    private AggregationGroup group(RouteTree.Node node, Alert alert, Instant now) {
        Map<String, String> groupLabels = node.groupLabels(alert.labels());
        String key = node.groupKey(groupLabels);
        AggregationGroup group = groups.get(key);
        if (group == null) {
            group = new AggregationGroup(node, key, groupLabels);
            groups.put(key, group);
            schedule(group, now.plus(node.groupWait()));
        }
        if (group.alerts.put(alert.alertId(), alert) == null) {
            groupsHolding.merge(alert.alertId(), 1, Integer::sum);
        }
        return group;
    }

    private PlannedNotification flush(AggregationGroup group, Instant now) {
        RouteTree.Node node = group.route;
        Routing.Receiver receiver = routing.receiver(node.receiver());
        boolean sendResolved = receiver == null || receiver.resolvedWanted();
        List<Alert> firing = new ArrayList<>();
        List<Alert> resolved = new ArrayList<>();
        for (Alert alert : group.alerts.values()) {
            if (alert.firing()) {
                if (!muted(alert, now)) {
                    firing.add(alert);
                }
            } else if (group.notifiedFiring.contains(alert.alertId())) {
                resolved.add(alert);
            }
        }
        Set<String> firingIds = new LinkedHashSet<>();
        firing.forEach(a -> firingIds.add(a.alertId()));
        boolean newFiring = !group.notifiedFiring.containsAll(firingIds);
        boolean newResolved = sendResolved && !resolved.isEmpty();
        boolean repeat = !firing.isEmpty() && group.lastNotifiedAt != null
                && !now.isBefore(group.lastNotifiedAt.plus(node.repeatInterval()));
        PlannedNotification planned = null;
        if (newFiring || newResolved || repeat) {
            List<Alert> included = new ArrayList<>(firing);
            if (sendResolved) {
                included.addAll(resolved);
            }
            planned = new PlannedNotification(node.receiver(), group.groupKey, group.groupLabels,
                    firing.isEmpty() ? AlertStatus.RESOLVED : AlertStatus.FIRING, included, now);
            group.notifiedFiring.clear();
            group.notifiedFiring.addAll(firingIds);
            group.lastNotifiedAt = now;
        }
        // Resolved alerts have been told (or are not wanted); muted ones stay "notified" so their recovery is told.
        for (Iterator<Alert> it = group.alerts.values().iterator(); it.hasNext(); ) {
            Alert alert = it.next();
            if (!alert.firing()) {
                it.remove();
                release(alert.alertId());
            }
        }
        group.notifiedFiring.retainAll(group.alerts.keySet());
        schedule(group, now.plus(node.groupInterval()));
        return planned;
    }

    /** One group less holds the alert; a resolved alert no group holds is forgotten. */
    private void release(String alertId) {
        Integer left = groupsHolding.merge(alertId, -1, Integer::sum);
        if (left != null && left <= 0) {
            groupsHolding.remove(alertId);
            Alert alert = alerts.get(alertId);
            if (alert != null && !alert.firing()) {
                alerts.remove(alertId);
            }
        }
    }

    private boolean muted(Alert alert, Instant now) {
        return silenced(alert, now) || inhibited(alert);
    }

    private boolean silenced(Alert alert, Instant now) {
        for (CompiledSilence silence : silences) {
            if (silence.mutes(alert.labels(), now)) {
                return true;
            }
        }
        return false;
    }

    private boolean inhibited(Alert target) {
        if (inhibitionSources == null) {
            inhibitionSources = new ArrayList<>(java.util.Collections.nCopies(inhibitions.size(), null));
        }
        for (int i = 0; i < inhibitions.size(); i++) {
            CompiledInhibition inhibition = inhibitions.get(i);
            if (!Matcher.Compiled.all(inhibition.target, target.labels())) {
                continue;
            }
            // The sources of a rule are looked for once per step, and only when some alert is its target.
            List<Alert> sources = inhibitionSources.get(i);
            if (sources == null) {
                sources = new ArrayList<>();
                for (Alert source : alerts.values()) {
                    if (source.firing() && Matcher.Compiled.all(inhibition.source, source.labels())) {
                        sources.add(source);
                    }
                }
                inhibitionSources.set(i, sources);
            }
            for (Alert source : sources) {
                if (!source.alertId().equals(target.alertId()) && inhibition.equalOn(source.labels(), target.labels())) {
                    return true;
                }
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- queries

    /** The current alerts with whether each is silenced or inhibited now. */
    public synchronized List<AlertState> alerts() {
        Instant now = clock.instant();
        inhibitionSources = null;
        List<AlertState> states = new ArrayList<>();
        for (Alert alert : alerts.values()) {
            states.add(new AlertState(alert, silenced(alert, now), inhibited(alert)));
        }
        states.sort(java.util.Comparator.comparing((AlertState s) -> s.alert().alertId()));
        return states;
    }

    /** How many alerts fire now. */
    public synchronized int firingCount() {
        int n = 0;
        for (Alert alert : alerts.values()) {
            if (alert.firing()) {
                n++;
            }
        }
        return n;
    }

    /** The damping penalty of an alert now, 0 when it has none (for tests and the API). */
    public synchronized double penalty(String alertId) {
        Track track = tracks.get(alertId);
        return track == null || track.damper == null ? 0 : track.damper.penalty(clock.instant());
    }

    /**
     * An alert with how it is muted.
     *
     * @param alert the alert
     * @param silenced a silence matches it
     * @param inhibited another firing alert explains it
     */
    public record AlertState(Alert alert, boolean silenced, boolean inhibited) {
    }

    // ---------------------------------------------------------------- state

    private static final class CompiledRule {
        final Rule rule;
        final List<Matcher.Compiled> matchers;
        final Set<EventType> recoveries = EnumSet.noneOf(EventType.class);
        final Duration pendingFor;
        final int confirmations;
        final Rule.Quorum quorum;
        final Duration quorumWindow;
        final Duration resolveAfter;

        CompiledRule(Rule rule) {
            this.rule = rule;
            this.matchers = rule.matchers().stream().map(Matcher::compile).toList();
            for (EventType type : rule.eventTypes()) {
                EventType recovery = RECOVERY.get(type);
                if (recovery != null) {
                    recoveries.add(recovery);
                }
            }
            this.pendingFor = Durations.parse(rule.pendingFor(), Duration.ZERO);
            this.confirmations = rule.confirmations() == null ? 1 : rule.confirmations();
            this.quorum = rule.quorum() != null && rule.quorum().minAgents() > 1 ? rule.quorum() : null;
            this.quorumWindow = quorum == null ? null : Durations.parse(quorum.window());
            this.resolveAfter = Durations.parse(rule.resolveAfter());
        }

        boolean matchesScope(PathEvent event) {
            return (rule.targets().isEmpty() || rule.targets().contains(event.targetId()))
                    && (rule.agents().isEmpty() || rule.agents().contains(event.agentId()))
                    && Matcher.Compiled.all(matchers, eventLabels(event));
        }

        boolean triggers(PathEvent event) {
            if (!rule.verdicts().isEmpty() && !rule.verdicts().contains(event.verdict().judgement())) {
                return false;
            }
            var m = event.measurement();
            if (rule.minLatencyIncreaseMs() != null && event.type() == EventType.LATENCY_INCREASED
                    && (m == null || m.observed() - m.baseline() < rule.minLatencyIncreaseMs())) {
                return false;
            }
            return rule.minLossPercent() == null || event.type() != EventType.LOSS_STARTED
                    || (m != null && m.observed() >= rule.minLossPercent());
        }

        String alertId(PathEvent event) {
            return quorum == null ? rule.id() + "/" + event.agentId() + "/" + event.targetId()
                    : rule.id() + "/" + event.targetId();
        }

        Duration expiryOf(EventType type) {
            if (resolveAfter != null) {
                return resolveAfter;
            }
            return RECOVERY.containsKey(type) || REVERTIBLE.contains(type) ? null : DEFAULT_RESOLVE_AFTER;
        }
    }

    /** The labels a rule's matchers see on an event: its own labels plus type, agent, target and verdict. */
    static Map<String, String> eventLabels(PathEvent event) {
        Map<String, String> labels = new HashMap<>(event.labels());
        labels.put(AlertLabels.TYPE, event.type().name());
        labels.put(AlertLabels.AGENT, event.agentId());
        labels.put(AlertLabels.TARGET, event.targetId());
        labels.put(AlertLabels.VERDICT, event.verdict().judgement().name());
        return labels;
    }

    /** One vantage point's ongoing condition. */
    private static final class Onset {
        final Instant firstSeen;
        final String originalPathId;
        final List<String> eventIds = new ArrayList<>();
        final PathEvent first;
        PathEvent latest;
        Instant lastSeen;
        int count;

        Onset(Instant firstSeen, PathEvent event) {
            this.firstSeen = firstSeen;
            this.first = event;
            this.originalPathId = event.before() == null ? null : event.before().pathId();
            this.latest = event;
            this.lastSeen = firstSeen;
            this.eventIds.add(event.eventId());
        }
    }

    /** Everything known about one alert id: each vantage point's onset, the damper, what is published. */
    private static final class Track {
        final String alertId;
        final String ruleId;
        final String targetId;
        final Map<String, Onset> onsets = new LinkedHashMap<>();
        CompiledRule rule;
        FlapDamper damper;
        PathEvent latestTrigger;
        PathEvent latestRecovery;
        boolean published;

        Track(String alertId, CompiledRule rule, String targetId) {
            this.alertId = alertId;
            this.ruleId = rule.rule.id();
            this.rule = rule;
            this.targetId = targetId;
            this.damper = rule.rule.damping() == null ? null : new FlapDamper(rule.rule.damping());
        }

        void trigger(PathEvent event, Instant now) {
            Onset onset = onsets.get(event.agentId());
            if (onset == null) {
                onset = new Onset(now, event);
                onsets.put(event.agentId(), onset);
            } else {
                onset.latest = event;
                onset.lastSeen = now;
                onset.eventIds.add(event.eventId());
            }
            onset.count++;
            latestTrigger = event;
            if (damper != null) {
                damper.change(now);
            }
        }

        void recover(PathEvent event, Instant now) {
            if (onsets.remove(event.agentId()) != null || published) {
                latestRecovery = event;
                if (damper != null) {
                    damper.change(now);
                }
            }
        }

        boolean isRevertedBy(PathEvent event) {
            Onset onset = onsets.get(event.agentId());
            return onset != null && onset.originalPathId != null && event.after() != null
                    && onset.originalPathId.equals(event.after().pathId());
        }

        void expire(Instant now) {
            onsets.values().removeIf(o -> {
                Duration expiry = rule.expiryOf(o.first.type());
                return expiry != null && !now.isBefore(o.lastSeen.plus(expiry));
            });
        }

        boolean conditionHolds(Instant now) {
            int confirmed = 0;
            int confirmedInWindow = 0;
            Instant newest = null;
            for (Onset onset : onsets.values()) {
                if (onset.count >= rule.confirmations && !now.isBefore(onset.firstSeen.plus(rule.pendingFor))) {
                    confirmed++;
                    if (newest == null || onset.firstSeen.isAfter(newest)) {
                        newest = onset.firstSeen;
                    }
                }
            }
            if (rule.quorum == null) {
                return confirmed >= 1;
            }
            if (published) {
                return confirmed >= rule.quorum.minAgents();
            }
            // The onsets must be close together: count those within the window of the newest one.
            for (Onset onset : onsets.values()) {
                if (onset.count >= rule.confirmations && !now.isBefore(onset.firstSeen.plus(rule.pendingFor))
                        && !onset.firstSeen.isBefore(newest.minus(rule.quorumWindow))) {
                    confirmedInWindow++;
                }
            }
            return confirmedInWindow >= rule.quorum.minAgents();
        }

        PathEvent firstTrigger() {
            PathEvent first = null;
            Instant at = null;
            for (Onset onset : onsets.values()) {
                if (at == null || onset.firstSeen.isBefore(at)) {
                    at = onset.firstSeen;
                    first = onset.first;
                }
            }
            return first == null ? latestTrigger : first;
        }

        /** Whether time alone can change this track (pending period, damping, expiry). */
        boolean needsTime() {
            if (damper != null) {
                return true;
            }
            if (onsets.isEmpty()) {
                return false;
            }
            if (!published && !rule.pendingFor.isZero()) {
                return true;
            }
            for (Onset onset : onsets.values()) {
                if (rule.expiryOf(onset.first.type()) != null) {
                    return true;
                }
            }
            return false;
        }

        boolean idle(Instant now) {
            return onsets.isEmpty() && !published && (damper == null || damper.penalty(now) < 1e-3);
        }
    }

    /** A group of alerts on one route with the same group labels, and what it last told its receiver. */
    private static final class AggregationGroup {
        final RouteTree.Node route;
        final String groupKey;
        final Map<String, String> groupLabels;
        final Map<String, Alert> alerts = new LinkedHashMap<>();
        final Set<String> notifiedFiring = new HashSet<>();
        Instant lastNotifiedAt;
        Instant nextFlushAt;

        AggregationGroup(RouteTree.Node route, String groupKey, Map<String, String> groupLabels) {
            this.route = route;
            this.groupKey = groupKey;
            this.groupLabels = groupLabels;
        }
    }

    private static final class CompiledSilence {
        final Silence silence;
        final List<Matcher.Compiled> matchers;

        CompiledSilence(Silence silence) {
            this.silence = silence;
            this.matchers = silence.matchers().stream().map(Matcher::compile).toList();
        }

        boolean mutes(Map<String, String> labels, Instant now) {
            return silence.activeAt(now) && Matcher.Compiled.all(matchers, labels);
        }
    }

    private static final class CompiledInhibition {
        final List<Matcher.Compiled> source;
        final List<Matcher.Compiled> target;
        final List<String> equal;

        CompiledInhibition(Routing.InhibitRule rule) {
            this.source = rule.sourceMatchers().stream().map(Matcher::compile).toList();
            this.target = rule.targetMatchers().stream().map(Matcher::compile).toList();
            this.equal = rule.equal();
        }

        boolean equalOn(Map<String, String> a, Map<String, String> b) {
            for (String name : equal) {
                if (!a.getOrDefault(name, "").equals(b.getOrDefault(name, ""))) {
                    return false;
                }
            }
            return true;
        }
    }
}
