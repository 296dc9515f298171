package io.smoketrace.agent.parse;

import io.smoketrace.common.trace.AddressFamily;
import io.smoketrace.common.trace.FlowIdentity;
import io.smoketrace.common.trace.Hop;
import io.smoketrace.common.trace.ProbeProtocol;
import io.smoketrace.common.trace.RawOutput;
import io.smoketrace.common.trace.ToolInfo;
import io.smoketrace.common.trace.Trace;
import io.smoketrace.common.trace.TraceError;
import io.smoketrace.common.trace.TraceStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A trace as read from one tool output, before the caller's ids and defaults are applied: every
 * parser fills one in, and {@link #toTrace} is the one place that decides status, destination,
 * ids and fallbacks, so those rules cannot drift between formats.
 */
final class TraceDraft {

    /** The agent id of traces whose vantage point neither the caller nor the data names. */
    static final String IMPORT_AGENT = "import";
    /** The target host and id when neither the output nor the caller names the target. */
    static final String UNKNOWN_TARGET = "unknown";

    private static final int MAX_ID_LENGTH = 128;

    String tool;
    String toolVersion;
    String targetHost;
    String targetAddress;
    String sourceAddress;
    ProbeProtocol protocol;
    FlowIdentity flow;
    Integer probesPerHop;
    Integer maxTtl;
    Integer pathMtu;
    Instant startedAt;
    Instant finishedAt;
    /** Set when the tool itself says whether it got there (tracepath "reached", scamper stop reason); null decides by address. */
    Boolean destinationReached;
    /** The vantage point the data names (a RIPE Atlas probe), used when the caller names none. */
    String agentId;
    String command;
    /** Set when the data says the run itself failed (a RIPE Atlas probe that could not send). */
    TraceError error;
    /** This trace's own part of the output, when one output holds several traces. */
    String raw;

    private final NavigableMap<Integer, HopProbes> hops = new TreeMap<>();

    TraceDraft(String tool) {
        this.tool = tool;
    }

    /** The probes of a TTL, created on first use. */
    HopProbes hop(int ttl) {
        return hops.computeIfAbsent(ttl, HopProbes::new);
    }

    boolean hasHops() {
        return !hops.isEmpty();
    }

    NavigableMap<Integer, HopProbes> hops() {
        return hops;
    }

    /** The largest number of probes counted at any TTL: what -q was, as far as the output shows. */
    Integer mostProbesAtOneTtl() {
        int most = 0;
        for (HopProbes hop : hops.values()) {
            most = Math.max(most, hop.probes());
        }
        return most == 0 ? null : most;
    }

    /** Finishes every draft of one output under the caller's context. */
    static List<Trace> finish(List<TraceDraft> drafts, String format, String output, ParseContext context) {
        List<Trace> traces = new ArrayList<>(drafts.size());
        for (int i = 0; i < drafts.size(); i++) {
            traces.add(drafts.get(i).toTrace(format, output, context, i));
        }
        return traces;
    }

    Trace toTrace(String format, String output, ParseContext context, int index) {
        String hintedAddress = Addresses.isAddress(context.targetHost()) ? context.targetHost() : null;
        String address = targetAddress != null ? targetAddress : hintedAddress;
        String host = firstNonNull(targetHost, context.targetHost(), address, UNKNOWN_TARGET);
        AddressFamily family = familyOf(address);
        List<Hop> built = new ArrayList<>(hops.size());
        for (HopProbes hop : hops.values()) {
            if (!hop.isEmpty()) {
                built.add(hop.toHop(family));
            }
        }
        boolean reached = destinationReached != null ? destinationReached : answeredBy(address, host);
        TraceStatus status = error != null ? TraceStatus.ERROR : reached ? TraceStatus.COMPLETE : TraceStatus.UNREACHED;
        return new Trace(
                Trace.FORMAT_VERSION,
                context.traceId(index),
                firstNonNull(context.agentId(), agentId, IMPORT_AGENT),
                context.targetId() != null ? context.targetId() : idFrom(host),
                host,
                address,
                family,
                sourceAddress,
                protocol != null ? protocol : context.protocol(),
                flow,
                probesPerHop,
                maxTtl,
                startedAt != null ? startedAt : context.fallbackStart(),
                finishedAt,
                new ToolInfo(tool, toolVersion, format, command != null ? command : context.command()),
                status,
                reached && error == null,
                pathMtu,
                built,
                error,
                rawOf(raw != null ? raw : output));
    }

    /** The raw output to keep in a trace; none for empty output, where there is nothing to keep. */
    static RawOutput rawOf(String output) {
        return output.isEmpty() ? null : RawOutput.capped(output, RawOutput.DEFAULT_CAP_BYTES);
    }

    /**
     * A trace id pattern ({@code ^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$}) made from a host name or
     * address: other characters become '-', leading punctuation goes.
     */
    static String idFrom(String text) {
        StringBuilder id = new StringBuilder(Math.min(text.length(), MAX_ID_LENGTH));
        for (int i = 0; i < text.length() && id.length() < MAX_ID_LENGTH; i++) {
            char c = text.charAt(i);
            boolean alnum = c < 128 && Character.isLetterOrDigit(c);
            if (id.isEmpty() && !alnum) {
                continue;
            }
            id.append(alnum || c == '.' || c == '_' || c == ':' || c == '-' ? c : '-');
        }
        return id.isEmpty() ? UNKNOWN_TARGET : id.toString();
    }

    private AddressFamily familyOf(String address) {
        if (address != null) {
            return AddressFamily.of(address);
        }
        for (HopProbes hop : hops.values()) {
            for (HopProbes.Answerer a : hop.answerers()) {
                if (a.address() != null) {
                    return AddressFamily.of(a.address());
                }
            }
        }
        return null;
    }

    /** Whether the target answered: by address, or by name when the target was given as a name and the tool printed names. */
    private boolean answeredBy(String address, String host) {
        boolean hostIsName = !Addresses.isAddress(host) && !UNKNOWN_TARGET.equals(host);
        for (HopProbes hop : hops.values()) {
            for (HopProbes.Answerer a : hop.answerers()) {
                if (Addresses.same(a.address(), address)
                        || (hostIsName && a.hostname() != null && a.hostname().equalsIgnoreCase(host))) {
                    return true;
                }
            }
        }
        return false;
    }

    @SafeVarargs
    private static <T> T firstNonNull(T... values) {
        for (T v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}
