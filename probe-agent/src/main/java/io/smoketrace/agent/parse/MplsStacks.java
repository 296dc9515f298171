package io.smoketrace.agent.parse;

import com.fasterxml.jackson.databind.JsonNode;
import io.smoketrace.common.trace.MplsLabel;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the MPLS label stacks (RFC 4950) tools quote from ICMP extensions: traceroute -e's text
 * {@code <MPLS:L=24001,E=0,S=1,T=1/L=...>} and the JSON entries of scamper and RIPE Atlas.
 */
final class MplsStacks {

    private static final String MPLS_OBJECT = "MPLS:";

    private MplsStacks() {
    }

    /**
     * The labels in a traceroute extension token (the text between '<' and '>'). Objects other than
     * MPLS (RFC 5837 interface information, printed as raw class/type and hex) have no place in the
     * trace and are passed over.
     */
    static List<MplsLabel> fromTracerouteExtension(String extension, OutputLine line) throws MalformedOutputException {
        List<MplsLabel> labels = new ArrayList<>();
        for (String object : extension.split(";")) {
            if (!object.startsWith(MPLS_OBJECT)) {
                continue;
            }
            for (String entry : object.substring(MPLS_OBJECT.length()).split("/")) {
                labels.add(label(entry, line));
            }
        }
        return labels;
    }

    private static MplsLabel label(String entry, OutputLine line) throws MalformedOutputException {
        Integer label = null;
        Integer exp = null;
        Integer bottom = null;
        Integer ttl = null;
        for (String field : entry.split(",")) {
            int eq = field.indexOf('=');
            if (eq < 0) {
                throw line.malformed("MPLS field '" + field + "' is not KEY=VALUE");
            }
            int value = line.integer(field.substring(eq + 1), "MPLS " + field.substring(0, eq));
            switch (field.substring(0, eq)) {
                case "L" -> label = value;
                case "E" -> exp = value;
                case "S" -> bottom = value;
                case "T" -> ttl = value;
                default -> throw line.malformed("unknown MPLS field '" + field + "'");
            }
        }
        if (label == null || exp == null || bottom == null || ttl == null) {
            throw line.malformed("MPLS entry '" + entry + "' lacks one of L, E, S, T");
        }
        MplsLabel checked = fitting(label, exp, bottom, ttl);
        if (checked == null) {
            throw line.malformed("MPLS entry '" + entry + "' is out of range");
        }
        return checked;
    }

    /**
     * The entries of a JSON array of label stack entries, each with the four fields under the
     * given names (scamper: mpls_label, mpls_exp, mpls_s, mpls_ttl; Atlas: label, exp, s, ttl).
     */
    static List<MplsLabel> fromJson(JsonNode entries, String where, String labelField, String trafficClassField,
            String bottomField, String ttlField) throws MalformedOutputException {
        List<MplsLabel> labels = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            JsonNode e = entries.get(i);
            String at = where + "[" + i + "]";
            MplsLabel label = fitting(JsonDocuments.requiredInteger(e, labelField, at),
                    JsonDocuments.requiredInteger(e, trafficClassField, at), JsonDocuments.requiredInteger(e, bottomField, at),
                    JsonDocuments.requiredInteger(e, ttlField, at));
            if (label == null) {
                throw new MalformedOutputException(at, "MPLS label out of range");
            }
            labels.add(label);
        }
        return labels;
    }

    /** The label stack entry, or null when a field does not fit its width (20-bit label, 3-bit TC, 1-bit S, 8-bit TTL). */
    static MplsLabel fitting(long label, long trafficClass, long bottom, long ttl) {
        if (label < 0 || label > 0xFFFFF || trafficClass < 0 || trafficClass > 7 || bottom < 0 || bottom > 1
                || ttl < 0 || ttl > 255) {
            return null;
        }
        return new MplsLabel((int) label, (int) trafficClass, bottom == 1, (int) ttl);
    }
}
