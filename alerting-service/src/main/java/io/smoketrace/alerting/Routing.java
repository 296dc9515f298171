package io.smoketrace.alerting;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.smoketrace.common.alert.Durations;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Where alerts go, as in Alertmanager: the receivers, the route tree that picks them, and the
 * inhibit rules.
 *
 * @param receivers every receiver a route may name
 * @param route the root of the route tree; it matches every alert
 * @param inhibitRules which firing alerts mute which others; the built-in ones when absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Routing(
        @NotEmpty(message = "must define at least one receiver") List<@NotNull @Valid Receiver> receivers,
        @NotNull @Valid Route route,
        List<@NotNull @Valid InhibitRule> inhibitRules) {

    public Routing {
        receivers = receivers == null ? List.of() : List.copyOf(receivers);
    }

    /** The receiver with this name, or null. */
    public Receiver receiver(String name) {
        for (Receiver r : receivers) {
            if (r.name().equals(name)) {
                return r;
            }
        }
        return null;
    }

    /** Checks Bean Validation cannot express; each problem names its field. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < receivers.size(); i++) {
            Receiver r = receivers.get(i);
            if (!names.add(r.name())) {
                problems.add("receivers[" + i + "].name: '" + r.name() + "' is defined twice");
            }
            problems.addAll(r.problems("receivers[" + i + "]"));
        }
        if (route.receiver() == null) {
            problems.add("route.receiver: the root route must name a receiver");
        }
        route.collectProblems("route", names, problems);
        if (inhibitRules != null) {
            for (int i = 0; i < inhibitRules.size(); i++) {
                problems.addAll(matcherProblems("inhibitRules[" + i + "].sourceMatchers", inhibitRules.get(i).sourceMatchers()));
                problems.addAll(matcherProblems("inhibitRules[" + i + "].targetMatchers", inhibitRules.get(i).targetMatchers()));
            }
        }
        return problems;
    }

    static List<String> matcherProblems(String field, List<Matcher> matchers) {
        List<String> problems = new ArrayList<>();
        if (matchers != null) {
            for (int i = 0; i < matchers.size(); i++) {
                String problem = matchers.get(i).problem();
                if (problem != null) {
                    problems.add(field + "[" + i + "].value: " + problem);
                }
            }
        }
        return problems;
    }

    /** What kind of system a receiver delivers to. */
    public enum ReceiverKind { WEBHOOK, SLACK, PAGERDUTY, EMAIL, KAFKA }

    /**
     * One destination.
     *
     * @param name referenced by routes
     * @param kind what it is
     * @param url the webhook, Slack/Mattermost incoming webhook or PagerDuty Events v2 URL
     * @param secret the HMAC-SHA256 key signing webhook bodies
     * @param routingKey the PagerDuty integration key
     * @param to email recipients
     * @param from the email sender; the mailer's default when absent
     * @param sendResolved whether resolved notifications go out (default true)
     * @param timeout how long one delivery attempt may take (default from configuration)
     * @param parallelism how many groups are delivered to it at once (default from configuration)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Receiver(
            @NotBlank @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]*", message = "must be letters, digits, '.', '_' or '-'") String name,
            @NotNull ReceiverKind kind,
            String url,
            String secret,
            String routingKey,
            List<@NotBlank String> to,
            String from,
            Boolean sendResolved,
            @Pattern(regexp = Durations.PATTERN, message = Durations.MESSAGE) String timeout,
            @Min(1) @Max(64) Integer parallelism) {

        public Receiver {
            to = to == null ? List.of() : List.copyOf(to);
        }

        /** Whether resolved notifications go to it. */
        public boolean resolvedWanted() {
            return sendResolved == null || sendResolved;
        }

        List<String> problems(String field) {
            List<String> problems = new ArrayList<>();
            switch (kind) {
                case WEBHOOK, SLACK, PAGERDUTY -> {
                    if (url == null || !(url.startsWith("http://") || url.startsWith("https://"))) {
                        problems.add(field + ".url: a " + kind + " receiver needs an http:// or https:// URL");
                    } else {
                        try {
                            java.net.URI.create(url).toURL();
                        } catch (RuntimeException | java.net.MalformedURLException e) {
                            problems.add(field + ".url: not a valid URL (" + e.getMessage() + ")");
                        }
                    }
                    if (kind == ReceiverKind.PAGERDUTY && (routingKey == null || routingKey.isBlank())) {
                        problems.add(field + ".routingKey: a PAGERDUTY receiver needs the integration's routing key");
                    }
                }
                case EMAIL -> {
                    if (to.isEmpty()) {
                        problems.add(field + ".to: an EMAIL receiver needs at least one recipient");
                    }
                    for (int i = 0; i < to.size(); i++) {
                        if (!to.get(i).matches("[^@\\s]+@[^@\\s]+")) {
                            problems.add(field + ".to[" + i + "]: '" + to.get(i) + "' is not an email address");
                        }
                    }
                }
                case KAFKA -> {
                }
            }
            return problems;
        }
    }

    /**
     * A node of the route tree. Unset fields are inherited from the parent.
     *
     * @param receiver where matching alerts go
     * @param matchers all must match (the root matches everything)
     * @param groupBy labels that split alerts into groups; {@code ...} groups by every label
     * @param groupWait how long a new group waits for more alerts before its first notification
     * @param groupInterval how long a group waits before notifying about changes
     * @param repeatInterval how long before an unchanged firing group is notified again
     * @param continueMatching keep looking at the following sibling routes after this one matched
     * @param routes child routes, tried in order
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Route(
            String receiver,
            List<@NotNull @Valid Matcher> matchers,
            List<@NotBlank String> groupBy,
            @Pattern(regexp = Durations.PATTERN, message = Durations.MESSAGE) String groupWait,
            @Pattern(regexp = Durations.PATTERN, message = Durations.MESSAGE) String groupInterval,
            @Pattern(regexp = Durations.PATTERN, message = Durations.MESSAGE) String repeatInterval,
            @com.fasterxml.jackson.annotation.JsonProperty("continue") Boolean continueMatching,
            List<@NotNull @Valid Route> routes) {

        public Route {
            matchers = matchers == null ? List.of() : List.copyOf(matchers);
            routes = routes == null ? List.of() : List.copyOf(routes);
        }

        void collectProblems(String field, Set<String> receivers, List<String> problems) {
            if (receiver != null && !receivers.contains(receiver)) {
                problems.add(field + ".receiver: no receiver named '" + receiver + "' (known: " + receivers + ")");
            }
            problems.addAll(matcherProblems(field + ".matchers", matchers));
            for (int i = 0; i < routes.size(); i++) {
                routes.get(i).collectProblems(field + ".routes[" + i + "]", receivers, problems);
            }
        }
    }

    /**
     * While an alert matching the source matchers fires, alerts matching the target matchers that
     * have the same values for the {@code equal} labels are muted.
     *
     * @param name why, in words
     * @param sourceMatchers the explaining alert
     * @param targetMatchers the explained alerts
     * @param equal labels that must be equal on both
     */
    public record InhibitRule(
            String name,
            @NotEmpty List<@NotNull @Valid Matcher> sourceMatchers,
            @NotEmpty List<@NotNull @Valid Matcher> targetMatchers,
            List<@NotBlank String> equal) {

        public InhibitRule {
            equal = equal == null ? List.of() : List.copyOf(equal);
        }
    }
}
