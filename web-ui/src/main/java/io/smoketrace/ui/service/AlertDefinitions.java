package io.smoketrace.ui.service;

import io.smoketrace.common.alert.AlertNotification.Severity;
import io.smoketrace.common.alert.Durations;
import io.smoketrace.common.event.EventType;
import io.smoketrace.common.event.Verdict.Judgement;
import io.smoketrace.ui.client.AlertingClient.Matcher;
import io.smoketrace.ui.client.AlertingClient.Quorum;
import io.smoketrace.ui.client.AlertingClient.Rule;
import io.smoketrace.ui.client.AlertingClient.Silence;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * The forms of alert rules and silences: what they start with, how a stored definition fills them,
 * and the checks an operator gets next to each field before anything is sent to the alerting service
 * (the same rules the service applies, so a refusal there is rare; when it happens its messages are
 * put next to the fields too, see {@link #fieldErrors}).
 */
public final class AlertDefinitions {

    /** Durations as the alerting service reads them: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h30m}, {@code 2d}. */
    static final Pattern DURATION = Pattern.compile(Durations.PATTERN);
    static final String DURATION_MESSAGE = "a duration such as 30s, 5m, 1h30m or 2d";
    private static final Pattern RULE_ID = Pattern.compile("[a-z0-9][a-z0-9._-]*");
    private static final Pattern LABEL = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");
    private static final Pattern MATCHER = Pattern.compile("\\s*([^=!~\\s]*)\\s*(=~|!~|!=|=)\\s*(.*?)\\s*");

    /** Every field of the rule form, in form order. */
    public static final List<String> RULE_FIELDS = List.of("id", "name", "enabled", "eventTypes", "severity", "targets",
            "agents", "matchers", "verdicts", "minLatencyIncreaseMs", "minLossPercent", "confirmations", "pendingFor",
            "resolveAfter", "quorum.minAgents", "quorum.window", "summary");
    /** Every field of the silence form. */
    public static final List<String> SILENCE_FIELDS = List.of("matchers", "startsAt", "duration", "comment");

    public static final List<String> EVENT_TYPES = Arrays.stream(EventType.values()).map(Enum::name).toList();
    public static final List<String> SEVERITIES = Arrays.stream(Severity.values()).map(Enum::name).toList();
    public static final List<String> VERDICTS = Arrays.stream(Judgement.values()).map(Enum::name).toList();

    private AlertDefinitions() {
    }

    /** A checked rule or the form with its errors. */
    public record RuleOutcome(Rule rule, DefinitionForm form) {
        public boolean valid() {
            return rule != null;
        }
    }

    /** A checked silence or the form with its errors. */
    public record SilenceOutcome(Silence silence, DefinitionForm form) {
        public boolean valid() {
            return silence != null;
        }
    }

    public static DefinitionForm blankRule() {
        return new DefinitionForm(Map.of("enabled", "on", "severity", "WARNING", "confirmations", "1"), Map.of(), false);
    }

    /** A silence form, with matchers filled in when the page was opened from an alert. */
    public static DefinitionForm blankSilence(String matchers) {
        return new DefinitionForm(Map.of("duration", "2h", "matchers", matchers == null ? "" : matchers), Map.of(), false);
    }

    /** The form of a stored rule. */
    public static DefinitionForm ruleForm(Rule rule) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("id", rule.id());
        v.put("name", text(rule.name()));
        v.put("enabled", rule.active() ? "on" : "");
        v.put("eventTypes", rule.eventTypes().stream().map(Enum::name).sorted().collect(Collectors.joining(",")));
        v.put("severity", rule.severity() == null ? "" : rule.severity().name());
        v.put("targets", String.join(", ", rule.targets()));
        v.put("agents", String.join(", ", rule.agents()));
        v.put("matchers", rule.matchers().stream().map(Matcher::toString).collect(Collectors.joining("\n")));
        v.put("verdicts", rule.verdicts().stream().map(Enum::name).sorted().collect(Collectors.joining(",")));
        v.put("minLatencyIncreaseMs", number(rule.minLatencyIncreaseMs()));
        v.put("minLossPercent", number(rule.minLossPercent()));
        v.put("confirmations", rule.confirmations() == null ? "" : rule.confirmations().toString());
        v.put("pendingFor", text(rule.pendingFor()));
        v.put("resolveAfter", text(rule.resolveAfter()));
        v.put("quorum.minAgents", rule.quorum() == null || rule.quorum().minAgents() == null ? ""
                : rule.quorum().minAgents().toString());
        v.put("quorum.window", rule.quorum() == null ? "" : text(rule.quorum().window()));
        v.put("summary", text(rule.summary()));
        return new DefinitionForm(v, Map.of(), true);
    }

    /**
     * Checks a rule form; {@code existing} is the stored rule when editing (its flap damping, which the
     * form does not show, is kept).
     */
    public static RuleOutcome checkRule(DefinitionForm form, Rule existing) {
        Map<String, String> errors = new LinkedHashMap<>();
        String id = form.value("id");
        if (id.isEmpty()) {
            errors.put("id", "a rule needs an id");
        } else if (id.length() > 100 || !RULE_ID.matcher(id).matches()) {
            errors.put("id", "must be lower-case letters, digits, '.', '_' or '-', starting with a letter or digit, at most 100");
        }
        if (form.value("name").length() > 200) {
            errors.put("name", "at most 200 characters");
        }
        Set<EventType> types = enumSet(form, "eventTypes", EventType.class, errors);
        if (types.isEmpty() && !errors.containsKey("eventTypes")) {
            errors.put("eventTypes", "tick at least one event type that fires the rule");
        }
        Severity severity = null;
        if (form.value("severity").isEmpty()) {
            errors.put("severity", "choose a severity");
        } else {
            try {
                severity = Severity.valueOf(form.value("severity").toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.put("severity", "'" + form.value("severity") + "' is not one of " + String.join(", ", SEVERITIES));
            }
        }
        List<Matcher> matchers = matchers(form, errors);
        Set<Judgement> verdicts = enumSet(form, "verdicts", Judgement.class, errors);
        Double latency = decimal(form, "minLatencyIncreaseMs", 0, 1e6, errors);
        Double loss = decimal(form, "minLossPercent", 0, 100, errors);
        Integer confirmations = whole(form, "confirmations", 1, 1000, errors);
        String pendingFor = duration(form, "pendingFor", errors);
        String resolveAfter = duration(form, "resolveAfter", errors);
        Quorum quorum = null;
        boolean quorumGiven = !form.value("quorum.minAgents").isEmpty() || !form.value("quorum.window").isEmpty();
        if (quorumGiven) {
            Integer minAgents = whole(form, "quorum.minAgents", 1, 1000, errors);
            String window = duration(form, "quorum.window", errors);
            if (form.value("quorum.minAgents").isEmpty()) {
                errors.put("quorum.minAgents", "a quorum needs the number of agents (or leave both quorum fields empty)");
            }
            if (form.value("quorum.window").isEmpty()) {
                errors.put("quorum.window", "a quorum needs a window such as 5m (or leave both quorum fields empty)");
            }
            List<String> agents = form.items("agents");
            if (minAgents != null && !agents.isEmpty() && minAgents > agents.size()) {
                errors.put("quorum.minAgents", minAgents + " agents can never agree when the rule matches only "
                        + agents.size() + " agents");
            }
            quorum = new Quorum(minAgents, window);
        }
        if (form.value("summary").length() > 500) {
            errors.put("summary", "at most 500 characters");
        }
        if (!errors.isEmpty()) {
            return new RuleOutcome(null, form.withErrors(errors));
        }
        Rule rule = new Rule(id, blankToNull(form.value("name")), form.checked("enabled"), types, form.items("targets"),
                form.items("agents"), matchers, verdicts, latency, loss, confirmations, pendingFor,
                existing == null ? null : existing.damping(), quorum, severity, resolveAfter,
                blankToNull(form.value("summary")));
        return new RuleOutcome(rule, form);
    }

    /** Checks a silence form; it starts now unless a start is given. */
    public static SilenceOutcome checkSilence(DefinitionForm form, String createdBy, Instant now) {
        Map<String, String> errors = new LinkedHashMap<>();
        List<Matcher> matchers = matchers(form, errors);
        if (matchers.isEmpty() && !errors.containsKey("matchers")) {
            errors.put("matchers", "a silence needs at least one matcher, e.g. targetId=\"web\"");
        }
        Instant start = now;
        if (!form.value("startsAt").isEmpty()) {
            start = instant(form.value("startsAt"));
            if (start == null) {
                errors.put("startsAt", "'" + form.value("startsAt") + "' is not a UTC time such as 2026-11-21 14:00");
            }
        }
        Duration length = null;
        if (form.value("duration").isEmpty()) {
            errors.put("duration", "say how long the silence lasts, e.g. 2h");
        } else if (!DURATION.matcher(form.value("duration")).matches()) {
            errors.put("duration", "'" + form.value("duration") + "' is not " + DURATION_MESSAGE);
        } else {
            length = Durations.parse(form.value("duration"));
            if (length.isZero()) {
                errors.put("duration", "must be longer than zero");
            } else if (length.compareTo(Duration.ofDays(366)) > 0) {
                errors.put("duration", "at most a year; a permanent mute is a rule change, not a silence");
            }
        }
        if (start != null && length != null && start.plus(length).isBefore(now)) {
            errors.put("startsAt", "the silence would be over before it is made (it ends " + start.plus(length) + ")");
        }
        if (form.value("comment").isEmpty()) {
            errors.put("comment", "say why (a ticket, a maintenance window): others will read it");
        } else if (form.value("comment").length() > 2000) {
            errors.put("comment", "at most 2000 characters");
        }
        if (!errors.isEmpty()) {
            return new SilenceOutcome(null, form.withErrors(errors));
        }
        return new SilenceOutcome(new Silence(null, matchers, start, start.plus(length), createdBy, form.value("comment")), form);
    }

    /**
     * The alerting service's refusal put next to the form's fields: each problem starts with the JSON
     * field it concerns ({@code matchers[0].value: ...}); one the form has no field for goes to the top.
     */
    public static Map<String, String> fieldErrors(List<String> problems, List<String> fields) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (String problem : problems) {
            int colon = problem.indexOf(": ");
            String field = colon < 0 ? "" : problem.substring(0, colon).replaceAll("\\[\\d+]", "");
            String key = DefinitionForm.GENERAL;
            for (String f : fields) {
                if (field.equals(f) || field.startsWith(f + ".")) {
                    key = f;
                }
            }
            String message = key.equals(DefinitionForm.GENERAL) ? "The alerting service refused it: " + problem
                    : problem.substring(colon + 2);
            errors.merge(key, message, (a, b) -> a + "; " + b);
        }
        return errors;
    }

    private static List<Matcher> matchers(DefinitionForm form, Map<String, String> errors) {
        List<Matcher> matchers = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<String> lines = form.lines("matchers");
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            java.util.regex.Matcher m = MATCHER.matcher(line);
            if (!m.matches()) {
                problems.add("line " + (i + 1) + " (" + line + ") is not name=\"value\", name!=\"value\", name=~\"regex\" or name!~\"regex\"");
                continue;
            }
            String name = m.group(1);
            String op = m.group(2);
            String value = m.group(3);
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1);
            }
            if (!LABEL.matcher(name).matches()) {
                problems.add("line " + (i + 1) + ": '" + name + "' is not a label name (letters, digits, _ . -)");
                continue;
            }
            if (op.endsWith("~")) {
                try {
                    Pattern.compile("^(?:" + value + ")$");
                } catch (PatternSyntaxException e) {
                    problems.add("line " + (i + 1) + ": not a valid regular expression: " + e.getDescription());
                    continue;
                }
            }
            matchers.add(new Matcher(name, op, value));
        }
        if (!problems.isEmpty()) {
            errors.put("matchers", String.join("; ", problems));
        }
        return matchers;
    }

    private static <E extends Enum<E>> Set<E> enumSet(DefinitionForm form, String field, Class<E> type,
                                                      Map<String, String> errors) {
        Set<E> values = new LinkedHashSet<>();
        for (String item : form.items(field)) {
            try {
                values.add(Enum.valueOf(type, item.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                errors.put(field, "'" + item + "' is not one of " + EnumSet.allOf(type));
            }
        }
        return values;
    }

    private static Double decimal(DefinitionForm form, String field, double min, double max, Map<String, String> errors) {
        String text = form.value(field);
        if (text.isEmpty()) {
            return null;
        }
        try {
            double value = Double.parseDouble(text);
            if (!Double.isFinite(value) || value < min || value > max) {
                errors.put(field, "must be between " + plain(min) + " and " + plain(max));
                return null;
            }
            return value;
        } catch (NumberFormatException e) {
            errors.put(field, "'" + text + "' is not a number");
            return null;
        }
    }

    private static Integer whole(DefinitionForm form, String field, int min, int max, Map<String, String> errors) {
        String text = form.value(field);
        if (text.isEmpty()) {
            return null;
        }
        try {
            int value = Integer.parseInt(text);
            if (value < min || value > max) {
                errors.put(field, "must be a whole number from " + min + " to " + max);
                return null;
            }
            return value;
        } catch (NumberFormatException e) {
            errors.put(field, "'" + text + "' is not a whole number");
            return null;
        }
    }

    private static String duration(DefinitionForm form, String field, Map<String, String> errors) {
        String text = form.value(field);
        if (text.isEmpty()) {
            return null;
        }
        if (!DURATION.matcher(text).matches()) {
            errors.put(field, "'" + text + "' is not " + DURATION_MESSAGE);
            return null;
        }
        return text;
    }

    /** A UTC time as ISO-8601 ({@code 2026-11-21T14:00:00Z}) or as a browser's local date-time field sends it. */
    static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(text.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    private static String number(Double value) {
        return value == null ? "" : plain(value);
    }

    private static String blankToNull(String value) {
        return value.isEmpty() ? null : value;
    }

    /** A number in messages and fields, without a trailing {@code .0}. */
    private static String plain(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? String.valueOf((long) value) : String.valueOf(value);
    }
}
