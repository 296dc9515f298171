package io.smoketrace.alerting.engine;

import io.smoketrace.common.alert.Durations;
import io.smoketrace.alerting.Matcher;
import io.smoketrace.alerting.Routing;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The compiled route tree. Matching follows Alertmanager: a route that matches tries its children
 * in order; the first matching child ends the search unless it says {@code continue}; a route none
 * of whose children match takes the alert itself.
 */
public final class RouteTree {

    /** Alertmanager's defaults for the root route. */
    static final Duration DEFAULT_GROUP_WAIT = Duration.ofSeconds(30);
    static final Duration DEFAULT_GROUP_INTERVAL = Duration.ofMinutes(5);
    static final Duration DEFAULT_REPEAT_INTERVAL = Duration.ofHours(4);

    private final Node root;

    public RouteTree(Routing routing) {
        this.root = compile(routing.route(), null, "");
    }

    /** The routes that take an alert with these labels, in tree order. */
    public List<Node> match(Map<String, String> labels) {
        List<Node> matched = match(root, labels);
        return matched.isEmpty() ? List.of(root) : matched;
    }

    private static List<Node> match(Node node, Map<String, String> labels) {
        if (!Matcher.Compiled.all(node.matchers, labels)) {
            return List.of();
        }
        List<Node> result = new ArrayList<>();
        for (Node child : node.children) {
            List<Node> found = match(child, labels);
            if (!found.isEmpty()) {
                result.addAll(found);
                if (!child.continueMatching) {
                    break;
                }
            }
        }
        if (result.isEmpty()) {
            result.add(node);
        }
        return result;
    }

    private static Node compile(Routing.Route route, Node parent, String path) {
        String receiver = route.receiver() != null ? route.receiver() : parent.receiver;
        List<String> groupBy = route.groupBy() != null ? List.copyOf(route.groupBy()) : parent == null ? List.of() : parent.groupBy;
        Duration wait = Durations.parse(route.groupWait(), parent == null ? DEFAULT_GROUP_WAIT : parent.groupWait);
        Duration interval = Durations.parse(route.groupInterval(), parent == null ? DEFAULT_GROUP_INTERVAL : parent.groupInterval);
        Duration repeat = Durations.parse(route.repeatInterval(), parent == null ? DEFAULT_REPEAT_INTERVAL : parent.repeatInterval);
        String id = path.isEmpty() ? receiver : receiver + "@" + path;
        Node node = new Node(id, receiver, route.matchers().stream().map(Matcher::compile).toList(), groupBy, wait, interval,
                repeat, Boolean.TRUE.equals(route.continueMatching()), new ArrayList<>());
        for (int i = 0; i < route.routes().size(); i++) {
            node.children.add(compile(route.routes().get(i), node, path.isEmpty() ? String.valueOf(i) : path + "." + i));
        }
        return node;
    }

    /**
     * One compiled route.
     *
     * @param id unique in the tree: the receiver, then {@code @} and the path below the root
     * @param receiver where its groups are delivered
     * @param matchers what it takes
     * @param groupBy labels that split its alerts into groups
     * @param groupWait first notification delay of a new group
     * @param groupInterval delay between notifications about changes
     * @param repeatInterval delay before an unchanged firing group is notified again
     * @param continueMatching whether later siblings are tried too
     * @param children child routes
     */
    public record Node(String id, String receiver, List<Matcher.Compiled> matchers, List<String> groupBy,
                       Duration groupWait, Duration groupInterval, Duration repeatInterval, boolean continueMatching,
                       List<Node> children) {

        /** The labels that define the group an alert falls into on this route. */
        public Map<String, String> groupLabels(Map<String, String> labels) {
            Map<String, String> group = new LinkedHashMap<>();
            if (groupBy.contains("...")) {
                new java.util.TreeMap<>(labels).forEach(group::put);
                return group;
            }
            for (String name : groupBy) {
                group.put(name, labels.getOrDefault(name, ""));
            }
            return group;
        }

        /** The group key: the route, then the group labels in Alertmanager's text form. */
        public String groupKey(Map<String, String> groupLabels) {
            StringBuilder sb = new StringBuilder(id).append(":{");
            boolean first = true;
            for (Map.Entry<String, String> e : groupLabels.entrySet()) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                sb.append(e.getKey()).append("=\"").append(e.getValue().replace("\"", "\\\"")).append('"');
            }
            return sb.append('}').toString();
        }
    }
}
