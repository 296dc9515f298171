package io.smoketrace.common.trace;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/**
 * Everything seen at one TTL: each responder with its own counts, and {@code *} (no reply) as a
 * responder of its own, so load-balanced hops are a set rather than a sequence of guesses.
 *
 * @param ttl the TTL (hop number), starting at 1
 * @param responders every address that answered at this TTL, plus a {@link Responder#NO_REPLY} entry for unanswered probes
 */
public record Hop(int ttl, List<Responder> responders) {

    public Hop {
        responders = responders == null ? List.of() : List.copyOf(responders);
    }

    /** Probes sent at this TTL, over all responders. */
    @JsonIgnore
    public int sent() {
        int sent = 0;
        for (Responder r : responders) {
            sent += r.sent();
        }
        return sent;
    }

    /** Replies received at this TTL, over all responders. */
    @JsonIgnore
    public int received() {
        int received = 0;
        for (Responder r : responders) {
            received += r.received();
        }
        return received;
    }

    /** Whether nothing at all answered at this TTL. */
    @JsonIgnore
    public boolean isAnonymous() {
        return received() == 0;
    }

    /** The responder with this address, or null. */
    public Responder responder(String address) {
        for (Responder r : responders) {
            if (r.address().equals(address)) {
                return r;
            }
        }
        return null;
    }
}
