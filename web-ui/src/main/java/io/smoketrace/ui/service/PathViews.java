package io.smoketrace.ui.service;

import io.quarkus.qute.RawString;
import io.smoketrace.common.agent.AgentHeartbeat;
import io.smoketrace.common.bgp.RouteUpdate;
import io.smoketrace.common.event.PathEvent;
import io.smoketrace.common.event.PathSnapshot;
import io.smoketrace.common.event.PathSnapshot.ResponderSnapshot;
import io.smoketrace.common.target.TargetSpec;
import io.smoketrace.common.trace.Hop;
import io.smoketrace.common.trace.Responder;
import io.smoketrace.ui.chart.PathGraph;
import io.smoketrace.ui.chart.SmokeChart;
import io.smoketrace.ui.client.PathAnalyzerClient;
import io.smoketrace.ui.client.PathAnalyzerClient.PairStatus;
import io.smoketrace.ui.client.PathAnalyzerClient.Series;
import io.smoketrace.ui.client.PathAnalyzerClient.TargetStatus;
import io.smoketrace.ui.client.PathAnalyzerClient.TraceView;
import io.smoketrace.ui.client.JsonService;
import io.smoketrace.ui.client.ServiceUnavailable;
import io.smoketrace.ui.config.UiConfig;
import io.smoketrace.ui.topic.AgentRoster;
import io.smoketrace.ui.topic.TargetCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

/**
 * What the overview and a target's page show, put together from the path analyzer's API (asked for
 * everything at once) and the console's own views of the targets and agents topics. When the analyzer
 * does not answer, the page still renders, with the reason instead of the data.
 */
@ApplicationScoped
public class PathViews {

    /** The smoke chart ranges offered, as the analyzer's series endpoint names them. */
    public static final List<String> RANGES = List.of("3h", "1d", "7d", "30d");
    /** How far back the overview and the target page read events. */
    static final Duration EVENT_WINDOW = Duration.ofDays(30);
    static final int EVENT_LIMIT = 1000;
    static final int TIMELINE_LIMIT = 100;

    private final PathAnalyzerClient analyzer;
    private final TargetCatalog catalog;
    private final AgentRoster roster;
    private final Duration wait;

    public PathViews(PathAnalyzerClient analyzer, TargetCatalog catalog, AgentRoster roster,
                     UiConfig config) {
        this.analyzer = analyzer;
        this.catalog = catalog;
        this.roster = roster;
        this.wait = config.services().timeout().plusSeconds(1);
    }

    // ------------------------------------------------------------------ overview

    /**
     * The targets x agents matrix.
     *
     * @param agents the columns: agent ids with their site
     * @param rows one per target
     * @param tags every target tag, for the filter
     * @param sites every site, for the filter
     * @param problem why the analyzer's data is missing, or empty
     */
    public record Matrix(List<Column> agents, List<Row> rows, List<String> tags, List<String> sites, String problem) {
    }

    /**
     * An agent column.
     *
     * @param agentId the agent
     * @param site its site
     */
    public record Column(String agentId, String site) {
    }

    /**
     * A target row.
     *
     * @param targetId the target
     * @param host its host
     * @param tags its tags
     * @param enabled whether it runs
     * @param cells one per column
     */
    public record Row(String targetId, String host, List<String> tags, boolean enabled, List<Cell> cells) {
    }

    /**
     * One (target, agent) cell.
     *
     * @param agentId the agent
     * @param state its colour
     * @param lastChange when the pair's path or state last changed (the latest event), or null
     * @param lastChangeType what that event was
     */
    public record Cell(String agentId, CellState state, Instant lastChange, String lastChangeType) {
    }

    /** The matrix, filtered by target tag, agent site and cell state (each blank for all). */
    public Matrix overview(String tag, String site, CellState state) {
        Instant now = Instant.now();
        List<TargetStatus> statuses = List.of();
        List<PathEvent> events = List.of();
        String problem = "";
        try {
            CompletableFuture<List<TargetStatus>> t = analyzer.targets();
            CompletableFuture<List<PathEvent>> e = analyzer.events(null, null, null, now.minus(EVENT_WINDOW), EVENT_LIMIT);
            statuses = await(t);
            events = await(e);
        } catch (ServiceUnavailable e) {
            problem = e.getMessage();
        }
        Map<String, PathEvent> latest = new HashMap<>();
        Map<String, PathEvent> latestPathChange = new HashMap<>();
        for (PathEvent event : events) {
            latest.merge(event.key(), event, PathViews::later);
            if (CellState.isPathChange(event)) {
                latestPathChange.merge(event.key(), event, PathViews::later);
            }
        }
        Map<String, String> sites = new TreeMap<>();
        for (AgentHeartbeat h : roster.all()) {
            sites.put(h.agentId(), h.site() == null ? "" : h.site());
        }
        Map<String, TargetStatus> byTarget = new LinkedHashMap<>();
        for (TargetStatus s : statuses) {
            byTarget.put(s.targetId(), s);
            for (PairStatus p : s.agents()) {
                sites.putIfAbsent(p.agentId(), p.site() == null ? "" : p.site());
            }
        }
        List<Column> columns = sites.entrySet().stream()
                .filter(e -> site == null || site.isBlank() || site.equals(e.getValue()))
                .map(e -> new Column(e.getKey(), e.getValue())).toList();
        Map<String, TargetSpec> specs = new TreeMap<>();
        catalog.all().forEach(spec -> specs.put(spec.targetId(), spec));
        Set<String> targetIds = new TreeSet<>(specs.keySet());
        targetIds.addAll(byTarget.keySet());
        Set<String> allTags = new TreeSet<>();
        List<Row> rows = new ArrayList<>();
        for (String targetId : targetIds) {
            TargetSpec spec = specs.get(targetId);
            TargetStatus status = byTarget.get(targetId);
            List<String> tags = spec != null ? spec.tags() : status.tags();
            allTags.addAll(tags);
            if (tag != null && !tag.isBlank() && !tags.contains(tag)) {
                continue;
            }
            Map<String, PairStatus> pairs = new HashMap<>();
            if (status != null) {
                status.agents().forEach(p -> pairs.put(p.agentId(), p));
            }
            List<Cell> cells = new ArrayList<>(columns.size());
            for (Column column : columns) {
                String key = column.agentId() + "/" + targetId;
                PathEvent last = latest.get(key);
                cells.add(new Cell(column.agentId(), CellState.of(pairs.get(column.agentId()), latestPathChange.get(key), now),
                        last == null ? null : last.changedAt(), last == null ? "" : last.type().name()));
            }
            if (state != null && cells.stream().noneMatch(c -> c.state() == state)) {
                continue;
            }
            rows.add(new Row(targetId, spec != null ? spec.host() : status.host() == null ? "" : status.host(), tags,
                    spec != null ? spec.enabled() : status.enabled(), cells));
        }
        return new Matrix(columns, rows, List.copyOf(allTags), sites.values().stream().filter(s -> !s.isBlank()).distinct()
                .sorted().toList(), problem);
    }

    private static PathEvent later(PathEvent a, PathEvent b) {
        Instant ta = a.changedAt() == null ? Instant.EPOCH : a.changedAt();
        Instant tb = b.changedAt() == null ? Instant.EPOCH : b.changedAt();
        return tb.isAfter(ta) ? b : a;
    }

    // ------------------------------------------------------------------ target page

    /**
     * A target's page.
     *
     * @param targetId the target
     * @param host its host, when known
     * @param description its description
     * @param tags its tags
     * @param range the smoke chart range
     * @param hop the hop whose smoke is shown besides the destination's, or null
     * @param agents one panel per agent
     * @param timeline the change timeline, newest first
     * @param problem why analyzer data is missing, or empty
     */
    public record TargetPage(String targetId, String host, String description, List<String> tags, String range, Integer hop,
                             List<AgentPanel> agents, List<TimelineEntry> timeline, String problem) {
    }

    /**
     * One agent's view of the target.
     *
     * @param agentId the agent
     * @param site its site
     * @param state the overview colour
     * @param path its current path, or null
     * @param graph the path graph (SVG), empty without a path
     * @param hops the hop table from the latest trace
     * @param traceId the latest trace
     * @param lastTraceAt when it ran
     * @param smoke the destination's smoke chart (SVG)
     * @param hopSmoke the chosen hop's smoke chart (SVG), or empty
     * @param missing why something is not shown, or empty
     */
    public record AgentPanel(String agentId, String site, CellState state, PathSnapshot path, RawString graph, List<HopRow> hops,
                             String traceId, Instant lastTraceAt, RawString smoke, RawString hopSmoke, String missing) {
    }

    /**
     * One responder of the latest trace.
     *
     * @param ttl its TTL
     * @param first whether it is the TTL's first responder (the TTL is printed once)
     * @param address its address, {@code *} for no reply
     * @param hostname its reverse name
     * @param asn its origin AS from the current path
     * @param prefix its prefix
     * @param sent probes sent to it
     * @param lossPercent loss
     * @param last last RTT
     * @param avg average
     * @param best best
     * @param worst worst
     * @param stddev standard deviation
     */
    public record HopRow(int ttl, boolean first, String address, String hostname, Long asn, String prefix, int sent,
                         double lossPercent, Double last, Double avg, Double best, Double worst, Double stddev) {
    }

    /**
     * One event in the timeline.
     *
     * @param event the event
     * @param diff before/after per TTL, for path changes
     * @param bgp the BGP updates that explain it
     */
    public record TimelineEntry(PathEvent event, List<PathDiff.Row> diff, List<RouteUpdate> bgp) {
    }

    /** The page of one target, or empty when neither the topic nor the analyzer knows it. */
    public Optional<TargetPage> target(String targetId, String range, Integer hop) {
        String smokeRange = range != null && RANGES.contains(range) ? range : "1d";
        Optional<TargetSpec> spec = catalog.find(targetId);
        Instant now = Instant.now();
        String problem = "";
        TargetStatus status = null;
        List<PathEvent> events = List.of();
        List<AgentPanel> panels = new ArrayList<>();
        try {
            CompletableFuture<List<PathEvent>> eventsCall = analyzer.events(targetId, null, null, now.minus(EVENT_WINDOW),
                    EVENT_LIMIT);
            status = await(analyzer.targets()).stream().filter(t -> t.targetId().equals(targetId)).findFirst().orElse(null);
            List<PairStatus> pairs = status == null ? List.of() : status.agents().stream()
                    .sorted(Comparator.comparing(PairStatus::agentId)).toList();
            List<Fetch> fetches = new ArrayList<>();
            for (PairStatus pair : pairs) {
                fetches.add(new Fetch(pair, analyzer.currentPath(targetId, pair.agentId()),
                        pair.lastTraceId() == null ? CompletableFuture.completedFuture(Optional.empty())
                                : analyzer.trace(pair.lastTraceId()),
                        analyzer.series(targetId, pair.agentId(), null, smokeRange),
                        hop == null ? CompletableFuture.completedFuture(Optional.empty())
                                : analyzer.series(targetId, pair.agentId(), hop, smokeRange)));
            }
            events = await(eventsCall);
            Map<String, PathEvent> latestPathChange = new HashMap<>();
            events.stream().filter(CellState::isPathChange).forEach(e -> latestPathChange.merge(e.agentId(), e, PathViews::later));
            for (Fetch f : fetches) {
                panels.add(panel(f, latestPathChange.get(f.pair().agentId()), hop, now));
            }
        } catch (ServiceUnavailable e) {
            problem = e.getMessage();
        }
        if (spec.isEmpty() && status == null && problem.isEmpty()) {
            return Optional.empty();
        }
        List<TimelineEntry> timeline = events.stream().limit(TIMELINE_LIMIT).map(e -> new TimelineEntry(e,
                CellState.isPathChange(e) || e.before() != null && e.after() != null ? PathDiff.of(e.before(), e.after()) : List.of(),
                e.bgpUpdates())).toList();
        String host = spec.map(TargetSpec::host).orElse(status == null || status.host() == null ? "" : status.host());
        return Optional.of(new TargetPage(targetId, host, spec.map(TargetSpec::description).orElse(""),
                spec.map(TargetSpec::tags).orElse(status == null ? List.of() : status.tags()), smokeRange, hop, panels, timeline,
                problem));
    }

    private record Fetch(PairStatus pair, CompletableFuture<Optional<PathSnapshot>> path,
                         CompletableFuture<Optional<TraceView>> trace, CompletableFuture<Optional<Series>> smoke,
                         CompletableFuture<Optional<Series>> hopSmoke) {
    }

    private AgentPanel panel(Fetch f, PathEvent latestPathChange, Integer hop, Instant now) {
        PairStatus pair = f.pair();
        String site = roster.find(pair.agentId()).map(AgentHeartbeat::site).orElse(pair.site() == null ? "" : pair.site());
        PathSnapshot path = await(f.path()).orElse(null);
        TraceView trace = await(f.trace()).orElse(null);
        Series smoke = await(f.smoke()).orElse(null);
        Series hopSmoke = await(f.hopSmoke()).orElse(null);
        List<String> missing = new ArrayList<>();
        if (path == null) {
            missing.add("no confirmed path yet");
        }
        if (trace == null && pair.lastTraceId() != null) {
            missing.add("the latest trace " + pair.lastTraceId() + " is no longer stored");
        }
        String label = pair.agentId() + (site.isBlank() ? "" : " (" + site + ")");
        return new AgentPanel(pair.agentId(), site, CellState.of(pair, latestPathChange, now), path,
                new RawString(path == null ? "" : PathGraph.render(path, label)), hopRows(trace, path), pair.lastTraceId(),
                pair.lastTraceAt(), new RawString(smoke == null ? "" : SmokeChart.render(smoke, "destination")),
                new RawString(hopSmoke == null ? "" : SmokeChart.render(hopSmoke, "hop " + hop)), String.join("; ", missing));
    }

    /** Every responder of the latest trace, with AS and prefix from the current path where it has them. */
    static List<HopRow> hopRows(TraceView trace, PathSnapshot path) {
        if (trace == null) {
            return List.of();
        }
        Map<String, ResponderSnapshot> annotated = new HashMap<>();
        if (path != null) {
            path.hops().forEach(h -> h.responders().forEach(r -> annotated.put(h.ttl() + " " + r.address(), r)));
        }
        List<HopRow> rows = new ArrayList<>();
        for (Hop hop : trace.hops()) {
            boolean first = true;
            for (Responder r : hop.responders()) {
                ResponderSnapshot a = annotated.get(hop.ttl() + " " + r.address());
                Long asn = a != null && a.asn() != null ? a.asn() : r.asn();
                String hostname = r.hostname() != null ? r.hostname() : a == null ? null : a.hostname();
                rows.add(new HopRow(hop.ttl(), first, r.address(), hostname, asn, a == null ? null : a.prefix(), r.sent(),
                        r.lossPercent(), r.rtt() == null ? null : r.rtt().last(), r.rtt() == null ? null : r.rtt().avg(),
                        r.rtt() == null ? null : r.rtt().best(), r.rtt() == null ? null : r.rtt().worst(),
                        r.rtt() == null ? null : r.rtt().stddev()));
                first = false;
            }
        }
        return rows;
    }

    // ------------------------------------------------------------------ helpers

    /** The answer of an analyzer call, or {@link ServiceUnavailable} with the reason. */
    public <T> T await(CompletableFuture<T> call) {
        return JsonService.await(call, wait, PathAnalyzerClient.NAME);
    }
}
