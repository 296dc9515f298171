package io.smoketrace.common.trace;

/**
 * One MPLS label stack entry quoted in an ICMP extension (RFC 4950).
 *
 * @param label the 20-bit label
 * @param trafficClass the 3-bit traffic class (formerly EXP)
 * @param bottomOfStack the S bit
 * @param ttl the label's TTL
 */
public record MplsLabel(int label, int trafficClass, boolean bottomOfStack, int ttl) {
}
