package io.smoketrace.common.trace;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;
import java.util.Objects;

/**
 * One address that answered at a TTL (or {@link #NO_REPLY} for the probes nobody answered),
 * with its own counts, RTT statistics and the ICMP details the tool reported.
 *
 * @param address the responder's IP address, {@code *} for probes without a reply, or the unspecified
 *        address ({@code 0.0.0.0} / {@code ::}) when the tool printed the responder only by name
 * @param hostname the reverse name the tool printed, if any
 * @param asn the AS number the tool itself annotated (traceroute -A, mtr -z), if any; the analyzer derives its own from the RIB
 * @param sent probes attributed to this responder
 * @param received replies received from this responder
 * @param lossPercent loss as the tool reported it, or computed from sent/received
 * @param rtt round-trip statistics in milliseconds; null when nothing was received
 * @param samples the individual RTTs in milliseconds, in probe order, where the tool gives them
 * @param annotations ICMP annotations as printed by traceroute: {@code !H !N !P !X !S !F-<mtu> !<code>} ...
 * @param mpls MPLS label stack entries from ICMP extensions (RFC 4950)
 */
public record Responder(
        String address,
        String hostname,
        Long asn,
        int sent,
        int received,
        double lossPercent,
        RttStats rtt,
        List<Double> samples,
        List<String> annotations,
        List<MplsLabel> mpls) {

    /** The address value that stands for "no reply". */
    public static final String NO_REPLY = "*";

    /**
     * The address of a responder the tool showed only by name (mtr or tracepath without -n): the
     * unspecified address can never answer a probe, so it marks "address not printed", never a guess.
     */
    public static final String NOT_PRINTED_IPV4 = "0.0.0.0";
    public static final String NOT_PRINTED_IPV6 = "::";

    public Responder {
        Objects.requireNonNull(address, "address");
        samples = samples == null ? List.of() : List.copyOf(samples);
        annotations = annotations == null ? List.of() : List.copyOf(annotations);
        mpls = mpls == null ? List.of() : List.copyOf(mpls);
    }

    /** The entry for {@code lost} probes at a TTL that nobody answered. */
    public static Responder noReply(int lost) {
        return new Responder(NO_REPLY, null, null, lost, 0, 100.0, null, null, null, null);
    }

    /** Whether this entry stands for unanswered probes rather than an address. */
    @JsonIgnore
    public boolean isNoReply() {
        return NO_REPLY.equals(address);
    }

    /** Whether this responder answered but the tool printed only its name, not its address. */
    @JsonIgnore
    public boolean isAddressNotPrinted() {
        return NOT_PRINTED_IPV4.equals(address) || NOT_PRINTED_IPV6.equals(address);
    }
}
