package io.smoketrace.ui.rest;

import io.quarkus.qute.TemplateExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** Numbers and times as the pages print them, null-safe: {@code {fmt:ms(hop.avg)}}. */
@TemplateExtension(namespace = "fmt")
public final class Formats {

    private Formats() {
    }

    /** Milliseconds with one decimal, a dash when unknown. */
    static String ms(Double value) {
        return value == null ? "\u2013" : String.format(Locale.ROOT, "%.1f", value);
    }

    /** A percentage without decimals below 1 % steps that matter: {@code 0}, {@code 2.5}, {@code 100}. */
    static String pct(Double value) {
        if (value == null) {
            return "\u2013";
        }
        return value == Math.rint(value) ? String.valueOf(value.longValue()) : String.format(Locale.ROOT, "%.1f", value);
    }

    /** A time in UTC to the second, empty when unknown. */
    static String utc(Instant instant) {
        return TemplateExtensions.utc(instant);
    }

    /** How long ago, in words: {@code 42 s ago}, {@code 5 min ago}, {@code 3 h ago}, {@code 2 d ago}. */
    static String ago(Instant instant) {
        if (instant == null) {
            return "never";
        }
        long s = Math.max(0, Duration.between(instant, Instant.now()).toSeconds());
        if (s < 120) {
            return s + " s ago";
        }
        if (s < 7200) {
            return s / 60 + " min ago";
        }
        if (s < 2 * 86400) {
            return s / 3600 + " h ago";
        }
        return s / 86400 + " d ago";
    }

    /** An AS number as {@code AS64500}, empty when unknown. */
    static String as(Long asn) {
        return asn == null ? "" : "AS" + asn;
    }
}
