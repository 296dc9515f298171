package io.smoketrace.analyzer.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.smoketrace.common.trace.Responder;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything seen at one TTL of one trace: the responders as a set (several mean load balancing),
 * and the probe counts over all of them, unanswered ones included.
 *
 * @param ttl the TTL
 * @param responders the addresses that answered, in address order; empty when nothing did
 * @param sent probes sent at this TTL
 * @param received replies received at this TTL
 */
public record ObservedHop(int ttl, List<ObservedResponder> responders, int sent, int received) {

    public ObservedHop {
        // Null when read back from JSON: the shared mapper leaves empty lists out (an unanswered hop).
        responders = responders == null ? List.of() : List.copyOf(responders);
    }

    /** Whether anything answered. */
    @JsonIgnore
    public boolean answered() {
        return !responders.isEmpty();
    }

    /**
     * The addresses that identify this hop's routers, in address order: responders the tool showed
     * only by name (the unspecified address) answered, but say nothing about which router it was.
     */
    @JsonIgnore
    public List<String> addresses() {
        List<String> addresses = new ArrayList<>(responders.size());
        for (ObservedResponder responder : responders) {
            if (!Responder.NOT_PRINTED_IPV4.equals(responder.address()) && !Responder.NOT_PRINTED_IPV6.equals(responder.address())) {
                addresses.add(responder.address());
            }
        }
        return addresses;
    }

    /** Loss at this TTL over all responders, in percent; 100 when nothing was sent or nothing answered. */
    @JsonIgnore
    public double lossPercent() {
        return sent <= 0 ? 100.0 : 100.0 * Math.max(0, sent - received) / sent;
    }

    /** The responder with this address, or null. */
    public ObservedResponder responder(String address) {
        for (ObservedResponder responder : responders) {
            if (responder.address().equals(address)) {
                return responder;
            }
        }
        return null;
    }
}
