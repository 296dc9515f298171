package io.smoketrace.ui.service;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An alert rule or a silence as typed into its form: the raw text of each field (several ticked boxes
 * of one field joined with commas) and, after validation, the message for each bad field. Field names
 * follow the alerting service's JSON ({@code quorum.minAgents}), so its refusals land next to the field.
 *
 * @param values field name to the text entered
 * @param errors field name to the message; {@value #GENERAL} for the form as a whole
 * @param editing true when an existing definition is edited (its id cannot change)
 */
public record DefinitionForm(Map<String, String> values, Map<String, String> errors, boolean editing) {

    /** The error key for problems not tied to one field. */
    public static final String GENERAL = "form";

    public DefinitionForm {
        values = new LinkedHashMap<>(values);
        errors = new LinkedHashMap<>(errors);
    }

    /** The trimmed text of a field, empty when not given. */
    public String value(String field) {
        String value = values.get(field);
        return value == null ? "" : value.trim();
    }

    /** The comma-separated items of a field, trimmed, blanks left out. */
    public List<String> items(String field) {
        return Arrays.stream(value(field).split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** The non-blank lines of a field. */
    public List<String> lines(String field) {
        return value(field).lines().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

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

    /** Whether a select has this option chosen, or a group of checkboxes has this one ticked. */
    public boolean selected(String field, String option) {
        return items(field).stream().anyMatch(option::equalsIgnoreCase);
    }

    public boolean valid() {
        return errors.isEmpty();
    }

    /** The same form with these errors. */
    public DefinitionForm withErrors(Map<String, String> newErrors) {
        return new DefinitionForm(values, newErrors, editing);
    }
}
