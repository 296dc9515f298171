package io.smoketrace.systemtest;

import java.util.Map;
import java.util.Set;

/**
 * One lab scenario (deploy/lab/lib/scenarios.sh) and what SmokeTrace must make of it.
 *
 * @param name the lab's scenario name
 * @param trap true for traps: nothing may alert
 * @param agent the vantage point whose path shows it (the primary pair)
 * @param target the target of that pair
 * @param type the event type the analyzer must publish for the pair
 * @param hop the TTL the event must name (where the change starts)
 * @param verdict BETTER, WORSE or NEUTRAL
 * @param bgpPrefix a BGP update for this prefix must be attached to the event (the routing cause); null when none is expected
 * @param bgpAction ANNOUNCE or WITHDRAW for that update
 * @param noBgp the event must carry no BGP update (a change without a routing-protocol cause)
 * @param rule the alert rule that must fire (deploy/lab/suite/rules.json)
 * @param related event types that belong to the same incident on the pair (not a wrong call)
 * @param recovery the event type that ends it after the revert, or {@code PATH_BACK}: the pair is back on its path
 * @param env environment for lab.sh
 */
record Scenario(String name, boolean trap, String agent, String target, String type, Integer hop, String verdict, String bgpPrefix,
        String bgpAction, boolean noBgp, String rule, Set<String> related, String recovery, Map<String, String> env) {

    static final String PATH_BACK = "PATH_BACK";

    static Scenario trap(String name) {
        return new Scenario(name, true, "agent1", "tgt-c", null, null, null, null, null, false, null, Set.of(), null, Map.of());
    }

    String expected() {
        if (trap) {
            return "no alert";
        }
        String bgp = bgpPrefix != null ? ", BGP " + bgpAction.toLowerCase() + " " + bgpPrefix : noBgp ? ", no BGP" : "";
        return type + " @" + hop + " " + verdict + bgp;
    }

    String alertId() {
        return rule + "/" + agent + "/" + target;
    }
}
