package io.smoketrace.ui.rest;

import io.quarkus.qute.TemplateExtension;
import io.smoketrace.common.target.TargetSpec;
import io.smoketrace.ui.service.TargetService;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Small formatting helpers the templates call as if they were properties. */
@TemplateExtension
public final class TemplateExtensions {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private TemplateExtensions() {
    }

    /** Which agents run the target, in words. */
    static String agentsText(TargetSpec target) {
        return TargetService.selector(target.selector());
    }

    /** A time in UTC to the second, empty when unknown. */
    static String utc(Instant instant) {
        return instant == null ? "" : UTC.format(instant);
    }
}
