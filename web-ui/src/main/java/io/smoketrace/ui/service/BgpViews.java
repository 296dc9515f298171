package io.smoketrace.ui.service;

import io.smoketrace.common.bgp.RouteUpdate;
import io.smoketrace.common.event.PathEvent;
import io.smoketrace.ui.client.PathAnalyzerClient;
import io.smoketrace.ui.client.PathAnalyzerClient.RibLookup;
import io.smoketrace.ui.client.ServiceUnavailable;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The BGP page's lookup: what the analyzer's RIB says about an address or prefix now, every peer's
 * route, and the route's history as far as the console can know it: the BGP updates for that prefix
 * that the analyzer attached to events (BGP route changes and the path changes they explain). The
 * analyzer keeps no full update history; see web-ui/README.md.
 */
@ApplicationScoped
public class BgpViews {

    private final PathAnalyzerClient analyzer;
    private final PathViews paths;

    public BgpViews(PathAnalyzerClient analyzer, PathViews paths) {
        this.analyzer = analyzer;
        this.paths = paths;
    }

    /**
     * The answer to a lookup.
     *
     * @param query what was asked
     * @param error what is wrong with the query, or empty
     * @param problem why the analyzer could not answer, or empty
     * @param rib the RIB's answer, or null when no prefix covers it
     * @param history BGP updates for the matched prefix seen in events, newest first
     * @param events the events that carried them
     */
    public record Lookup(String query, String error, String problem, RibLookup rib, List<RouteUpdate> history,
                         List<PathEvent> events) {
    }

    /** Looks up an IPv4/IPv6 address or a prefix in CIDR notation. */
    public Lookup lookup(String query) {
        String q = query == null ? "" : query.trim();
        String error = check(q);
        if (!error.isEmpty()) {
            return new Lookup(q, error, "", null, List.of(), List.of());
        }
        String address = q.contains("/") ? q.substring(0, q.indexOf('/')) : q;
        try {
            CompletableFuture<List<PathEvent>> eventsCall = analyzer.events(null, null, null,
                    Instant.now().minus(PathViews.EVENT_WINDOW), PathViews.EVENT_LIMIT);
            RibLookup rib = paths.await(analyzer.lookup(address)).orElse(null);
            String prefix = rib != null && rib.prefix() != null ? rib.prefix() : q.contains("/") ? q : null;
            List<PathEvent> events = new ArrayList<>();
            Map<String, RouteUpdate> history = new LinkedHashMap<>();
            for (PathEvent event : paths.await(eventsCall)) {
                boolean about = false;
                for (RouteUpdate u : event.bgpUpdates()) {
                    if (u.prefix().equals(prefix) || u.prefix().equals(q)) {
                        about = true;
                        history.putIfAbsent(u.peer().peerId() + " " + u.prefix() + " " + u.pathId() + " " + u.timestamp()
                                + " " + u.action(), u);
                    }
                }
                if (about) {
                    events.add(event);
                }
            }
            List<RouteUpdate> updates = history.values().stream().sorted(Comparator.comparing(RouteUpdate::timestamp,
                    Comparator.nullsLast(Comparator.reverseOrder()))).toList();
            return new Lookup(q, "", "", rib, updates, events);
        } catch (ServiceUnavailable e) {
            return new Lookup(q, "", e.getMessage(), null, List.of(), List.of());
        }
    }

    /** What is wrong with a query, or empty; an address is never resolved as a name. */
    static String check(String q) {
        if (q.isEmpty()) {
            return "";
        }
        String address = q;
        if (q.contains("/")) {
            address = q.substring(0, q.indexOf('/'));
            String length = q.substring(q.indexOf('/') + 1);
            int max = address.contains(":") ? 128 : 32;
            if (!length.matches("\\d{1,3}") || Integer.parseInt(length) > max) {
                return "'" + length + "' is not a prefix length from 0 to " + max;
            }
        }
        boolean ipv4 = !address.contains(":");
        if (ipv4 ? !address.matches("\\d{1,3}(\\.\\d{1,3}){3}") : !address.matches("[0-9A-Fa-f:.]+")) {
            return "'" + q + "' is not an IPv4 or IPv6 address or prefix (names are not looked up)";
        }
        try {
            InetAddress.ofLiteral(address);
        } catch (IllegalArgumentException e) {
            return "'" + q + "' is not an IPv4 or IPv6 address or prefix (names are not looked up)";
        }
        return "";
    }
}
