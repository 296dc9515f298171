package io.smoketrace.ui.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smoketrace.common.serde.ContractValidator;
import io.smoketrace.common.serde.Json;
import io.smoketrace.common.serde.TopicCodec;
import io.smoketrace.common.serde.Violation;
import io.smoketrace.common.target.TargetSpec;
import io.smoketrace.common.topic.Topics;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns a {@link TargetForm} into the {@link TargetSpec} agents will read, or into messages next to
 * the fields: first what an engineer would check (a host that can be an address or a name, a port for
 * TCP, a timeout shorter than the interval), then the topic's JSON Schema itself, so nothing is
 * published that a consumer would reject.
 */
public final class TargetRules {

    private static final TopicCodec<TargetSpec> CODEC = TopicCodec.of(TargetSpec.class);
    private static final Pattern LABEL = Pattern.compile("^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$");
    private static final Pattern DOTTED_NUMBERS = Pattern.compile("^[0-9.]+$");
    private static final Pattern DOTTED_QUAD = Pattern.compile("^\\d{1,3}(\\.\\d{1,3}){3}$");
    private static final Pattern INDEX = Pattern.compile("\\[\\d+]");
    private static final List<String> INTEGER_FIELDS = List.of("port", "intervalSeconds", "probesPerHop", "maxTtl",
            "timeoutSeconds", "thresholds.confirmations");
    private static final List<String> NUMBER_FIELDS = List.of("thresholds.latencyIncreaseMs",
            "thresholds.latencyIncreasePercent", "thresholds.lossPercent");

    private TargetRules() {
    }

    /** The outcome: a spec ready to publish, or the form with its errors. */
    public record Outcome(TargetSpec spec, TargetForm form) {

        public boolean valid() {
            return spec != null;
        }
    }

    /** Validates the form; the spec carries who changed it and when. */
    public static Outcome check(TargetForm form, String actor, Instant now) {
        Map<String, String> errors = new LinkedHashMap<>();
        ObjectNode tree = toTree(form, actor, now, errors);
        semanticChecks(form, errors);
        for (Violation violation : ContractValidator.get().violations(Topics.TARGETS, tree)) {
            errors.putIfAbsent(formField(violation.field()), violation.message());
        }
        if (!errors.isEmpty()) {
            return new Outcome(null, form.withErrors(errors));
        }
        return new Outcome(CODEC.decode(tree.toString().getBytes(StandardCharsets.UTF_8)), form);
    }

    /** A spec as form values, for editing. */
    public static TargetForm toForm(TargetSpec spec) {
        JsonNode tree = CODEC.toTree(spec);
        Map<String, String> values = new LinkedHashMap<>();
        for (String field : TargetForm.FIELDS) {
            JsonNode node = tree.at("/" + field.replace('.', '/'));
            if (node.isArray()) {
                values.put(field, String.join(", ", Json.mapper().convertValue(node, String[].class)));
            } else if (node.isBoolean()) {
                values.put(field, node.booleanValue() ? "on" : "");
            } else if (!node.isMissingNode() && !node.isNull()) {
                values.put(field, node.asText());
            }
        }
        return new TargetForm(values, Map.of(), true);
    }

    /** The form field a schema path is about: {@code selector.agents[2]} is the {@code selector.agents} field. */
    static String formField(String schemaField) {
        String field = INDEX.matcher(schemaField).replaceAll("");
        return TargetForm.FIELDS.contains(field) ? field : TargetForm.GENERAL;
    }

    private static ObjectNode toTree(TargetForm form, String actor, Instant now, Map<String, String> errors) {
        ObjectNode tree = Json.mapper().createObjectNode();
        tree.put("formatVersion", TargetSpec.FORMAT_VERSION);
        putText(tree, "targetId", form.value("targetId"));
        putText(tree, "host", form.value("host"));
        putText(tree, "tool", form.value("tool").toUpperCase(Locale.ROOT));
        putText(tree, "protocol", form.value("protocol").toUpperCase(Locale.ROOT));
        putText(tree, "addressFamily", form.value("addressFamily").toUpperCase(Locale.ROOT));
        for (String field : INTEGER_FIELDS) {
            putNumber(tree, form, field, true, errors);
        }
        for (String field : NUMBER_FIELDS) {
            putNumber(tree, form, field, false, errors);
        }
        tree.put("paris", form.checked("paris"));
        tree.put("enabled", form.checked("enabled"));
        putList(tree, "selector.agents", form.value("selector.agents"));
        putList(tree, "selector.tags", form.value("selector.tags"));
        putList(tree, "tags", form.value("tags"));
        putText(tree, "description", form.value("description"));
        tree.put("updatedAt", now.toString());
        tree.put("updatedBy", actor);
        return tree;
    }

    private static void semanticChecks(TargetForm form, Map<String, String> errors) {
        String host = form.value("host");
        if (host.isEmpty()) {
            errors.put("host", "give an IP address or a host name");
        } else if (!looksResolvable(host)) {
            errors.put("host", "'" + host + "' is neither an IP address nor a valid host name");
        }
        String protocol = form.value("protocol").toUpperCase(Locale.ROOT);
        String tool = form.value("tool").toUpperCase(Locale.ROOT);
        if (tool.equals("TCPTRACEROUTE") && !protocol.equals("TCP")) {
            errors.putIfAbsent("protocol", "tcptraceroute probes with TCP only");
        } else if (tool.equals("TRACEPATH") && !protocol.equals("UDP")) {
            errors.putIfAbsent("protocol", "tracepath probes with UDP only");
        }
        if (protocol.equals("TCP") && form.value("port").isEmpty()) {
            errors.putIfAbsent("port", "TCP probes need a destination port");
        } else if (protocol.equals("ICMP") && !form.value("port").isEmpty()) {
            errors.putIfAbsent("port", "ICMP probes have no port: leave it empty");
        }
        Integer interval = integer(form.value("intervalSeconds"));
        Integer timeout = integer(form.value("timeoutSeconds"));
        if (interval != null && (interval < 10 || interval > 86_400)) {
            errors.putIfAbsent("intervalSeconds", "between 10 s and 86400 s (one day)");
        }
        if (interval != null && timeout != null && timeout >= interval && !errors.containsKey("intervalSeconds")) {
            errors.putIfAbsent("timeoutSeconds", "must be shorter than the interval (" + interval + " s), or runs pile up");
        }
    }

    /** An IPv4 or IPv6 literal, or a name made of valid DNS labels; never looked up here. */
    static boolean looksResolvable(String host) {
        if (host.length() > 253) {
            return false;
        }
        if (DOTTED_NUMBERS.matcher(host).matches() && !DOTTED_QUAD.matcher(host).matches()) {
            return false; // 10.1 and 10.0.1 are valid to inet_aton, but never what an engineer means
        }
        if (host.contains(":") || DOTTED_NUMBERS.matcher(host).matches()) {
            try {
                InetAddress.ofLiteral(host);
                return true;
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        String[] labels = name.split("\\.", -1);
        return Arrays.stream(labels).allMatch(label -> LABEL.matcher(label).matches())
                && !labels[labels.length - 1].chars().allMatch(Character::isDigit);
    }

    private static void putText(ObjectNode tree, String field, String value) {
        if (!value.isEmpty()) {
            tree.put(field, value);
        }
    }

    private static void putNumber(ObjectNode tree, TargetForm form, String field, boolean whole, Map<String, String> errors) {
        String text = form.value(field);
        if (text.isEmpty()) {
            return;
        }
        ObjectNode parent = parent(tree, field);
        String name = field.substring(field.lastIndexOf('.') + 1);
        try {
            if (whole) {
                parent.put(name, Integer.parseInt(text));
            } else {
                parent.put(name, Double.parseDouble(text));
            }
        } catch (NumberFormatException e) {
            errors.put(field, whole ? "must be a whole number" : "must be a number");
        }
    }

    private static void putList(ObjectNode tree, String field, String text) {
        List<String> items = Arrays.stream(text.split("[,\\s]+")).filter(s -> !s.isBlank()).distinct().toList();
        if (!items.isEmpty()) {
            ArrayNode array = parent(tree, field).putArray(field.substring(field.lastIndexOf('.') + 1));
            items.forEach(array::add);
        }
    }

    private static ObjectNode parent(ObjectNode tree, String field) {
        int dot = field.indexOf('.');
        if (dot < 0) {
            return tree;
        }
        String object = field.substring(0, dot);
        return tree.has(object) ? (ObjectNode) tree.get(object) : tree.putObject(object);
    }

    private static Integer integer(String text) {
        try {
            return Integer.valueOf(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
