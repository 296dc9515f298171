package io.smoketrace.common.alert;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as operators write them in Alertmanager and Prometheus (the alerting API and the console share this grammar): {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h30m}, {@code 2d}. */
public final class Durations {

    /** The accepted text, for Bean Validation {@code @Pattern}s. */
    public static final String PATTERN = "^((\\d+)(ms|s|m|h|d))+$";
    /** What a bad duration is told. */
    public static final String MESSAGE = "must be a duration such as 500ms, 30s, 5m, 1h30m or 2d";

    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private Durations() {
    }

    /** The duration; null stays null. */
    public static Duration parse(String text) {
        if (text == null) {
            return null;
        }
        if (!text.matches(PATTERN)) {
            throw new IllegalArgumentException("'" + text + "' " + MESSAGE);
        }
        Duration total = Duration.ZERO;
        Matcher m = PART.matcher(text);
        while (m.find()) {
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            });
        }
        return total;
    }

    /** The duration, or the default when the text is null. */
    public static Duration parse(String text, Duration otherwise) {
        return text == null ? otherwise : parse(text);
    }
}
