package io.smoketrace.agent.parse;

import java.util.HashMap;
import java.util.Map;

/**
 * The statistics columns mtr can print (its -o field letters), by the titles its report, CSV,
 * JSON and XML outputs give them.
 */
enum MtrColumn {
    LOSS("Loss%", "Loss"),
    // mtr's blank field (' ' in -o) prints the dropped count in CSV under the title " ".
    DROP("Drop", " "),
    RECEIVED("Rcv"),
    SENT("Snt"),
    LAST("Last"),
    BEST("Best"),
    AVG("Avg"),
    WORST("Wrst"),
    STDEV("StDev"),
    GEOMETRIC_MEAN("Gmean"),
    JITTER("Jttr"),
    JITTER_MEAN("Javg"),
    JITTER_WORST("Jmax"),
    JITTER_INTERARRIVAL("Jint");

    private static final Map<String, MtrColumn> BY_TITLE = new HashMap<>();

    static {
        for (MtrColumn column : values()) {
            for (String title : column.titles) {
                BY_TITLE.put(title, column);
            }
        }
    }

    private final String[] titles;

    MtrColumn(String... titles) {
        this.titles = titles;
    }

    /** The title mtr's report header gives the column. */
    String title() {
        return titles[0];
    }

    /** The column with this title, or null when mtr has no such column. */
    static MtrColumn byTitle(String title) {
        return BY_TITLE.get(title);
    }
}
