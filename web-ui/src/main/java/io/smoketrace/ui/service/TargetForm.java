package io.smoketrace.ui.service;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A target as typed into the form (or one line of an import): the raw text of each field and, after
 * validation, what is wrong with each. Field names are the JSON field paths of
 * {@code target.schema.json} ({@code host}, {@code selector.agents}, {@code thresholds.lossPercent}), so a
 * schema violation lands next to the field it is about.
 *
 * @param values field name to the text entered
 * @param errors field name to the message shown next to it; {@value #GENERAL} for the form as a whole
 * @param editing true when an existing target is edited (its id cannot change)
 */
public record TargetForm(Map<String, String> values, Map<String, String> errors, boolean editing) {

    /** The error key for problems not tied to one field. */
    public static final String GENERAL = "form";

    /** Every field the form has, in form order. */
    public static final List<String> FIELDS = List.of("targetId", "host", "tool", "protocol", "port", "addressFamily",
            "intervalSeconds", "probesPerHop", "maxTtl", "timeoutSeconds", "paris", "enabled", "selector.agents",
            "selector.tags", "tags", "description", "thresholds.latencyIncreaseMs", "thresholds.latencyIncreasePercent",
            "thresholds.lossPercent", "thresholds.confirmations");

    /** What a new target starts with. */
    public static final Map<String, String> DEFAULTS = Map.of("tool", "MTR", "protocol", "ICMP", "intervalSeconds", "60",
            "probesPerHop", "10", "maxTtl", "30", "timeoutSeconds", "45", "paris", "on", "enabled", "on");

    public TargetForm {
        values = new LinkedHashMap<>(values);
        errors = new LinkedHashMap<>(errors);
    }

    /** An empty form for a new target, with the defaults filled in. */
    public static TargetForm blank() {
        return new TargetForm(DEFAULTS, Map.of(), false);
    }

    /** The trimmed text of a field, empty when not given. */
    public String value(String field) {
        String value = values.get(field);
        return value == null ? "" : value.trim();
    }

    /** The message for a field, empty when it is fine. */
    public String error(String field) {
        return errors.getOrDefault(field, "");
    }

    public boolean hasError(String field) {
        return errors.containsKey(field);
    }

    /** Whether a checkbox field is ticked. */
    public boolean checked(String field) {
        String value = value(field);
        return value.equals("on") || value.equals("true");
    }

    /** Whether a select field has this option chosen. */
    public boolean selected(String field, String option) {
        return value(field).equalsIgnoreCase(option);
    }

    public boolean valid() {
        return errors.isEmpty();
    }

    /** The same form with these errors. */
    public TargetForm withErrors(Map<String, String> newErrors) {
        return new TargetForm(values, newErrors, editing);
    }
}
