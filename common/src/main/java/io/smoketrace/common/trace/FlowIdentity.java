package io.smoketrace.common.trace;

/**
 * What kept the probes of one run on one flow through load balancers (Paris traceroute), so the
 * analyzer knows whether different responders at a TTL are ECMP or a real change.
 *
 * @param constant whether the tool held the flow identity constant over the run (Paris-style)
 * @param sourcePort UDP/TCP source port, where fixed
 * @param destinationPort UDP/TCP destination port, where fixed
 * @param icmpId ICMP echo identifier, where fixed
 * @param ipv6FlowLabel IPv6 flow label, where fixed
 */
public record FlowIdentity(boolean constant, Integer sourcePort, Integer destinationPort, Integer icmpId, Integer ipv6FlowLabel) {
}
