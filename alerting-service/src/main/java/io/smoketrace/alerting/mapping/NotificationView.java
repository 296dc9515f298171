package io.smoketrace.alerting.mapping;

import java.util.List;

/**
 * What a message shows, prepared for the templates.
 *
 * @param title one line: status, count and group
 * @param status FIRING or RESOLVED
 * @param receiver the receiver
 * @param groupKey the group
 * @param url the group in the console
 * @param notificationId the idempotency key
 * @param alerts the alerts
 */
public record NotificationView(String title, String status, String receiver, String groupKey, String url,
                               String notificationId, List<AlertView> alerts) {

    /**
     * One alert in a message.
     *
     * @param status FIRING or RESOLVED
     * @param severity the rule's severity
     * @param summary one line
     * @param ruleId the rule
     * @param type the event type
     * @param agentId the vantage point (empty for quorum alerts)
     * @param targetId the target
     * @param targetAddress the address probed
     * @param startsAt when it started
     * @param endsAt when it resolved, or empty
     * @param verdict BETTER, WORSE or NEUTRAL, or empty
     * @param reasons the verdict's reasons in words
     * @param measurement baseline, observed and threshold for latency and loss, or empty
     * @param beforeAsPath the AS path before
     * @param afterAsPath the AS path after
     * @param hops the paths side by side, per TTL
     * @param bgp the correlated BGP updates in words
     * @param recovery what resolved it, or empty
     * @param link the target in the console
     */
    public record AlertView(String status, String severity, String summary, String ruleId, String type, String agentId,
                            String targetId, String targetAddress, String startsAt, String endsAt, String verdict,
                            List<String> reasons, String measurement, String beforeAsPath, String afterAsPath,
                            List<HopRow> hops, List<String> bgp, String recovery, String link) {

        /** The header line of the side-by-side text table. */
        public String pathHeader() {
            return HopRow.HEADER;
        }
    }

    /**
     * One TTL of the before/after comparison.
     *
     * @param ttl the TTL
     * @param beforeAddress responders before ({@code *} for no reply)
     * @param beforeAs their origin AS
     * @param beforeLoss loss
     * @param beforeRtt average RTT
     * @param afterAddress responders after
     * @param afterAs their origin AS
     * @param afterLoss loss
     * @param afterRtt average RTT
     * @param changed whether the responders differ
     */
    public record HopRow(int ttl, String beforeAddress, String beforeAs, String beforeLoss, String beforeRtt,
                         String afterAddress, String afterAs, String afterLoss, String afterRtt, boolean changed) {

        static final String HEADER = String.format("%3s  %-22s %-9s %6s %9s   %-22s %-9s %6s %9s", "TTL", "before",
                "AS", "loss", "RTT", "after", "AS", "loss", "RTT");

        /** The row as fixed-width text, {@code !} marking a changed TTL (as {@code "%3d%s %-22s %-9s %6s %9s   ..."}). */
        public String line() {
            StringBuilder sb = new StringBuilder(112);
            right(sb, String.valueOf(ttl), 3).append(changed ? '!' : ' ').append(' ');
            left(sb, beforeAddress, 22).append(' ');
            left(sb, beforeAs, 9).append(' ');
            right(sb, beforeLoss, 6).append(' ');
            right(sb, beforeRtt, 9).append("   ");
            left(sb, afterAddress, 22).append(' ');
            left(sb, afterAs, 9).append(' ');
            right(sb, afterLoss, 6).append(' ');
            return right(sb, afterRtt, 9).toString();
        }

        private static StringBuilder left(StringBuilder sb, String value, int width) {
            String v = String.valueOf(value);
            sb.append(v);
            return sb.repeat(' ', Math.max(0, width - v.length()));
        }

        private static StringBuilder right(StringBuilder sb, String value, int width) {
            String v = String.valueOf(value);
            return sb.repeat(' ', Math.max(0, width - v.length())).append(v);
        }
    }
}
