package io.smoketrace.ui.service;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a bulk import: one target per line, {@code host[,tool,protocol,port,interval,tags...]}.
 * Empty columns take the defaults (tool MTR; protocol ICMP, or TCP for tcptraceroute and UDP for
 * tracepath; interval 60 s); every column after the interval is a tag. Blank lines, lines starting with
 * {@code #} and a header line starting with {@code host} are skipped. The target id is made from the
 * host (and, for UDP/TCP, the protocol and port), see {@link #targetId}.
 */
public final class TargetImport {

    /** The most lines one import may carry. */
    public static final int MAX_LINES = 5_000;

    private TargetImport() {
    }

    /** One line of the file as a form. */
    public record Line(int number, String text, TargetForm form) {
    }

    /** Each target line as a form, with the agent selector chosen on the import page applied to all. */
    public static List<Line> parse(String content, String selectorAgents, String selectorTags) {
        List<Line> lines = new ArrayList<>();
        String[] rows = content.split("\\R", -1);
        for (int i = 0; i < rows.length; i++) {
            String text = rows[i].strip();
            if (text.isEmpty() || text.startsWith("#") || (i == 0 && text.toLowerCase(Locale.ROOT).startsWith("host"))) {
                continue;
            }
            List<String> columns = Arrays.stream(text.split(",", -1)).map(String::strip).toList();
            Map<String, String> values = new LinkedHashMap<>(TargetForm.DEFAULTS);
            values.put("host", column(columns, 0));
            String tool = column(columns, 1).toUpperCase(Locale.ROOT);
            if (!tool.isEmpty()) {
                values.put("tool", tool);
            }
            String protocol = column(columns, 2).toUpperCase(Locale.ROOT);
            values.put("protocol", protocol.isEmpty() ? defaultProtocol(tool) : protocol);
            values.put("port", column(columns, 3));
            String interval = column(columns, 4);
            if (!interval.isEmpty()) {
                values.put("intervalSeconds", interval);
                values.put("timeoutSeconds", defaultTimeout(interval));
            }
            values.put("tags", String.join(", ", columns.size() > 5 ? columns.subList(5, columns.size()) : List.of()));
            values.put("selector.agents", selectorAgents == null ? "" : selectorAgents);
            values.put("selector.tags", selectorTags == null ? "" : selectorTags);
            values.put("targetId", targetId(values.get("host"), values.get("protocol"), values.get("port")));
            lines.add(new Line(i + 1, text, new TargetForm(values, Map.of(), false)));
        }
        return lines;
    }

    /**
     * The id a target gets from its host: the host with anything but letters, digits, dot, dash and
     * underscore turned into dashes ({@code 2001:db8::1} is {@code 2001-db8--1}), followed by
     * {@code -tcp-443} or {@code -udp-53} when probing with TCP or UDP to a port.
     */
    public static String targetId(String host, String protocol, String port) {
        String id = host == null ? "" : host.strip().replaceAll("[^A-Za-z0-9._-]", "-");
        if (port != null && !port.isBlank() && protocol != null && !protocol.equalsIgnoreCase("ICMP")) {
            id += "-" + protocol.toLowerCase(Locale.ROOT) + "-" + port.strip();
        }
        return id;
    }

    private static String defaultProtocol(String tool) {
        return switch (tool) {
            case "TCPTRACEROUTE" -> "TCP";
            case "TRACEPATH" -> "UDP";
            default -> "ICMP";
        };
    }

    /** A timeout that fits the interval: 45 s, or less when the interval is shorter. */
    private static String defaultTimeout(String interval) {
        try {
            return String.valueOf(Math.max(1, Math.min(45, Integer.parseInt(interval) - 5)));
        } catch (NumberFormatException e) {
            return "45";
        }
    }

    private static String column(List<String> columns, int index) {
        return index < columns.size() ? columns.get(index) : "";
    }
}
