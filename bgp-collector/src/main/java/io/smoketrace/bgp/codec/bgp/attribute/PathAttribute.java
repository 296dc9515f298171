package io.smoketrace.bgp.codec.bgp.attribute;

/**
 * One path attribute of an UPDATE (RFC 4271 section 5 and the RFCs that added attributes).
 */
public sealed interface PathAttribute permits Origin, AsPath, NextHop, MultiExitDisc, LocalPref, AtomicAggregate,
        Aggregator, Communities, OriginatorId, ClusterList, MpReachNlri, MpUnreachNlri, ExtendedCommunities, As4Path,
        As4Aggregator, LargeCommunities, UnknownAttribute {

    int OPTIONAL = 0x80;
    int TRANSITIVE = 0x40;
    int PARTIAL = 0x20;
    int EXTENDED_LENGTH = 0x10;

    /** Flags of a well-known attribute: not optional, transitive. */
    int WELL_KNOWN = TRANSITIVE;
    int OPTIONAL_TRANSITIVE = OPTIONAL | TRANSITIVE;
    int OPTIONAL_NON_TRANSITIVE = OPTIONAL;

    /** The attribute type code from the IANA registry. */
    int typeCode();
}
