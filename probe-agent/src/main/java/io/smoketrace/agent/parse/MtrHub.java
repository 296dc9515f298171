package io.smoketrace.agent.parse;

import io.smoketrace.common.trace.MplsLabel;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One host row of an mtr output: the hop number, the host as printed ({@code ???}, an address,
 * a name, or {@code name (address)}), its -z AS number and the statistics columns printed with it.
 * A further host of a load-balanced hop comes as its own row with the same hop number, and in
 * report mode without statistics (mtr keeps them per hop, not per host).
 */
final class MtrHub {

    final String where;
    final int hop;
    final String host;
    final Long asn;
    final Map<MtrColumn, Double> values = new EnumMap<>(MtrColumn.class);
    final List<MplsLabel> mpls = new ArrayList<>();

    /**
     * @param where where in the output the row is, for complaints: {@code line 4}, {@code report.hubs[2]}
     */
    MtrHub(String where, int hop, String host, Long asn) {
        this.where = where;
        this.hop = hop;
        this.host = host;
        this.asn = asn;
    }

    MalformedOutputException malformed(String problem) {
        return new MalformedOutputException(where, problem);
    }

    /** A column value as text: {@code 0.0%}, {@code 4097.} (mtr cut the decimals off to fit) or {@code 10}. */
    void value(MtrColumn column, String text) throws MalformedOutputException {
        String number = text.strip();
        if (number.endsWith("%")) {
            number = number.substring(0, number.length() - 1);
        }
        try {
            double value = Double.parseDouble(number);
            if (!(value >= 0) || Double.isInfinite(value)) {
                throw malformed(column.title() + " '" + text + "' is not a non-negative number");
            }
            values.put(column, value);
        } catch (NumberFormatException e) {
            throw malformed(column.title() + " '" + text + "' is not a number");
        }
    }
}
