package io.smoketrace.alerting;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.Map;
import java.util.regex.PatternSyntaxException;

/**
 * One label matcher as Alertmanager writes it: {@code name op value} with {@code =}, {@code !=},
 * {@code =~} or {@code !~}; regular expressions are anchored at both ends. A missing label is the
 * empty string, so {@code tags!=""} means "has tags".
 *
 * @param name the label
 * @param op the operator
 * @param value the value or regular expression
 */
public record Matcher(
        @NotBlank @Pattern(regexp = "[A-Za-z_][A-Za-z0-9_.-]*", message = "must be a label name ([A-Za-z_][A-Za-z0-9_.-]*)")
        String name,
        @NotNull @Pattern(regexp = "=|!=|=~|!~", message = "must be one of =, !=, =~, !~") String op,
        @NotNull String value) {

    /** The compiled regular expression, or null for equality operators; refused when it does not compile. */
    @JsonIgnore
    public java.util.regex.Pattern regex() {
        if (!isRegex()) {
            return null;
        }
        return java.util.regex.Pattern.compile("^(?:" + value + ")$");
    }

    @JsonIgnore
    boolean isRegex() {
        return "=~".equals(op) || "!~".equals(op);
    }

    /** Null when the matcher is usable, else what is wrong with its value. */
    public String problem() {
        if (isRegex()) {
            try {
                regex();
            } catch (PatternSyntaxException e) {
                return "not a valid regular expression: " + e.getDescription() + " near index " + e.getIndex();
            }
        }
        return null;
    }

    /** The matcher in Alertmanager's text form, for logs and messages. */
    @Override
    public String toString() {
        return name + op + '"' + value + '"';
    }

    /** Parses {@code name="value"}, {@code name=~"re"}, ... (quotes optional). */
    public static Matcher parse(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\s*([A-Za-z_][A-Za-z0-9_.-]*)\\s*(=~|!~|!=|=)\\s*(.*?)\\s*")
                .matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a matcher: " + text + " (expected name=\"value\", !=, =~ or !~)");
        }
        String value = m.group(3);
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        return new Matcher(m.group(1), m.group(2), value);
    }

    /** A matcher compiled once for evaluation on many label sets. */
    public Compiled compile() {
        return new Compiled(this, regex());
    }

    /** A matcher ready to evaluate. */
    public record Compiled(@JsonProperty Matcher matcher, @JsonIgnore java.util.regex.Pattern pattern) {

        /** Whether the labels satisfy this matcher. */
        public boolean matches(Map<String, String> labels) {
            String actual = labels.getOrDefault(matcher.name(), "");
            return switch (matcher.op()) {
                case "=" -> actual.equals(matcher.value());
                case "!=" -> !actual.equals(matcher.value());
                case "=~" -> pattern.matcher(actual).matches();
                case "!~" -> !pattern.matcher(actual).matches();
                default -> throw new IllegalStateException("unknown matcher operator " + matcher.op());
            };
        }

        /** Whether the labels satisfy every matcher. */
        public static boolean all(java.util.List<Compiled> matchers, Map<String, String> labels) {
            for (Compiled c : matchers) {
                if (!c.matches(labels)) {
                    return false;
                }
            }
            return true;
        }
    }
}
