package io.smoketrace.alerting.mapping;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smoketrace.alerting.NotificationContent;
import io.smoketrace.alerting.config.AlertingConfig;
import io.smoketrace.common.alert.AlertNotification;
import io.smoketrace.common.bgp.RouteUpdate;
import io.smoketrace.common.event.PathEvent;
import io.smoketrace.common.event.PathSnapshot;
import io.smoketrace.common.event.Verdict;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Renders notifications for people: email (text and HTML), Slack/Mattermost and the text in webhooks. */
@ApplicationScoped
public class NotificationRenderer {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance text(NotificationView view);

        static native TemplateInstance html(NotificationView view);

        static native TemplateInstance slack(NotificationView view);
    }

    private final String uiBaseUrl;

    public NotificationRenderer(AlertingConfig config) {
        this.uiBaseUrl = config.uiBaseUrl();
    }

    /** Plain text: email text part, webhook {@code message}, PagerDuty details. */
    public String text(NotificationContent content) {
        return Templates.text(view(content)).render();
    }

    /** The HTML email body. */
    public String html(NotificationContent content) {
        return Templates.html(view(content)).render();
    }

    /** Slack/Mattermost mrkdwn. */
    public String slack(NotificationContent content) {
        return Templates.slack(view(content)).render();
    }

    /** The subject line: Alertmanager's {@code [FIRING:2] group labels}. */
    public String title(NotificationContent content) {
        AlertNotification n = content.notification();
        long firing = n.alerts().stream().filter(a -> a.status() == AlertNotification.AlertStatus.FIRING).count();
        String count = n.status() == AlertNotification.AlertStatus.FIRING ? ":" + firing : "";
        String labels = n.groupLabels().isEmpty() ? n.groupKey()
                : n.groupLabels().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
        String summary = n.alerts().size() == 1 ? " " + n.alerts().getFirst().annotations().getOrDefault("summary", "") : "";
        return "[" + n.status() + count + "] " + labels + summary;
    }

    NotificationView view(NotificationContent content) {
        AlertNotification n = content.notification();
        List<NotificationView.AlertView> alerts = new ArrayList<>();
        for (AlertNotification.Alert alert : n.alerts()) {
            NotificationContent.Evidence evidence = content.evidenceFor(alert.alertId());
            alerts.add(alertView(alert, evidence == null ? null : evidence.trigger(), evidence == null ? null : evidence.recovery()));
        }
        return new NotificationView(title(content), n.status().name(), n.receiver(), n.groupKey(),
                n.externalUrl() == null ? "" : n.externalUrl(), n.notificationId(), alerts);
    }

    private NotificationView.AlertView alertView(AlertNotification.Alert alert, PathEvent event, PathEvent recovery) {
        Map<String, String> labels = alert.labels();
        String targetId = labels.getOrDefault("targetId", event == null ? "" : event.targetId());
        List<String> reasons = new ArrayList<>();
        String verdict = "";
        String measurement = "";
        List<NotificationView.HopRow> hops = List.of();
        List<String> bgp = List.of();
        String beforeAs = "";
        String afterAs = "";
        String address = "";
        if (event != null) {
            verdict = event.verdict().judgement().name();
            for (Verdict.Reason reason : event.verdict().reasons()) {
                reasons.add(reason.description() != null ? reason.description()
                        : reason.metric() + " " + reason.before() + " -> " + reason.after() + " (" + reason.effect() + ")");
            }
            if (event.measurement() != null) {
                var m = event.measurement();
                measurement = String.format(Locale.ROOT, "%s: baseline %.1f %s, observed %.1f %s, threshold %.1f %s", m.metric(),
                        m.baseline(), m.unit(), m.observed(), m.unit(), m.threshold(), m.unit());
            }
            hops = sideBySide(event.before(), event.after());
            bgp = event.bgpUpdates().stream().map(NotificationRenderer::describe).toList();
            beforeAs = asPath(event.before());
            afterAs = asPath(event.after());
            address = event.targetAddress() == null ? "" : event.targetAddress();
        }
        String recoveryText = recovery == null ? "" : recovery.type() + " at " + recovery.detectedAt()
                + (recovery.summary() == null ? "" : ": " + recovery.summary());
        return new NotificationView.AlertView(alert.status().name(), alert.severity().name(),
                alert.annotations().getOrDefault("summary", ""), alert.ruleId(), labels.getOrDefault("type", ""),
                labels.getOrDefault("agentId", alert.annotations().getOrDefault("agents", "")), targetId, address,
                String.valueOf(alert.startsAt()), alert.endsAt() == null ? "" : alert.endsAt().toString(), verdict,
                reasons, measurement, beforeAs, afterAs, hops, bgp, recoveryText,
                NotificationMapper.targetUrl(uiBaseUrl, targetId));
    }

    static List<NotificationView.HopRow> sideBySide(PathSnapshot before, PathSnapshot after) {
        if (before == null && after == null) {
            return List.of();
        }
        int maxTtl = Math.max(maxTtl(before), maxTtl(after));
        List<NotificationView.HopRow> rows = new ArrayList<>();
        for (int ttl = 1; ttl <= maxTtl; ttl++) {
            List<PathSnapshot.ResponderSnapshot> b = responders(before, ttl);
            List<PathSnapshot.ResponderSnapshot> a = responders(after, ttl);
            Set<String> bAddresses = addresses(b);
            Set<String> aAddresses = addresses(a);
            rows.add(new NotificationView.HopRow(ttl, joined(bAddresses), asns(b), loss(b), rtt(b), joined(aAddresses),
                    asns(a), loss(a), rtt(a), !bAddresses.equals(aAddresses)));
        }
        return rows;
    }

    private static int maxTtl(PathSnapshot path) {
        return path == null ? 0 : path.hops().stream().mapToInt(PathSnapshot.HopSnapshot::ttl).max().orElse(0);
    }

    private static List<PathSnapshot.ResponderSnapshot> responders(PathSnapshot path, int ttl) {
        if (path == null) {
            return List.of();
        }
        for (PathSnapshot.HopSnapshot hop : path.hops()) {
            if (hop.ttl() == ttl) {
                return hop.responders();
            }
        }
        return List.of();
    }

    private static Set<String> addresses(List<PathSnapshot.ResponderSnapshot> responders) {
        Set<String> set = new LinkedHashSet<>();
        responders.forEach(r -> set.add(r.address()));
        return set;
    }

    private static String joined(Set<String> addresses) {
        return addresses.isEmpty() ? "-" : String.join(",", addresses);
    }

    private static String asns(List<PathSnapshot.ResponderSnapshot> responders) {
        Set<String> set = new LinkedHashSet<>();
        for (var r : responders) {
            if (r.asn() != null) {
                set.add("AS" + r.asn());
            } else if (r.addressClass() != null && r.addressClass() != PathSnapshot.AddressClass.PUBLIC
                    && r.addressClass() != PathSnapshot.AddressClass.NO_REPLY) {
                set.add(r.addressClass().name().toLowerCase(Locale.ROOT));
            }
        }
        return set.isEmpty() ? "-" : String.join(",", set);
    }

    private static String loss(List<PathSnapshot.ResponderSnapshot> responders) {
        return responders.stream().filter(r -> r.lossPercent() != null).findFirst()
                .map(r -> decimals(r.lossPercent(), 0) + "%").orElse("-");
    }

    private static String rtt(List<PathSnapshot.ResponderSnapshot> responders) {
        return responders.stream().filter(r -> r.rttAvgMs() != null).findFirst()
                .map(r -> decimals(r.rttAvgMs(), 1) + " ms").orElse("-");
    }

    /** As {@code String.format(Locale.ROOT, "%.<scale>f", value)} (half-up on the shortest decimal), without the formatter's cost per hop. */
    static String decimals(double value, int scale) {
        if (!Double.isFinite(value)) {
            return String.format(Locale.ROOT, "%." + scale + "f", value);
        }
        return java.math.BigDecimal.valueOf(value).setScale(scale, java.math.RoundingMode.HALF_UP).toPlainString();
    }

    private static String asPath(PathSnapshot path) {
        return path == null || path.asPath().isEmpty() ? "-"
                : path.asPath().stream().map(String::valueOf).collect(Collectors.joining(" "));
    }

    static String describe(RouteUpdate update) {
        StringBuilder sb = new StringBuilder();
        sb.append(update.timestamp() == null ? "" : update.timestamp() + " ").append(update.peer().peerId()).append(' ')
                .append(update.action() == RouteUpdate.Action.ANNOUNCE ? "announced " : "withdrew ").append(update.prefix());
        if (update.attributes() != null) {
            sb.append(" AS path ").append(update.attributes().asPathText());
            if (update.attributes().nextHop() != null) {
                sb.append(" next hop ").append(update.attributes().nextHop());
            }
        }
        return sb.toString();
    }
}
