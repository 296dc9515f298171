package io.smoketrace.bgp.codec.bgp;

import io.smoketrace.bgp.codec.bgp.capability.AddPathCapability;
import io.smoketrace.bgp.codec.bgp.capability.ExtendedMessageCapability;
import io.smoketrace.bgp.codec.bgp.capability.FourOctetAsCapability;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * What the two ends of a session negotiated, which changes how the same octets decode: AS number
 * width, which address families carry ADD-PATH identifiers, and the largest message allowed.
 *
 * @param fourOctetAs     AS_PATH and AGGREGATOR carry 4-octet AS numbers (RFC 6793)
 * @param addPathReceive  address families whose NLRI we receive with a path identifier (RFC 7911)
 * @param extendedMessage messages may be up to 65535 octets (RFC 8654)
 * @param ribEntryFamily  present when decoding an MRT RIB entry (RFC 6396 4.3.4), whose MP_REACH_NLRI
 *                        holds only a next hop for this address family
 */
public record DecodeContext(boolean fourOctetAs, Set<AfiSafi> addPathReceive, boolean extendedMessage,
                            Optional<AfiSafi> ribEntryFamily) {

    /** A session before capabilities are negotiated: 2-octet AS numbers, no ADD-PATH, 4096-octet messages. */
    public static final DecodeContext INITIAL = new DecodeContext(false, Set.of(), false, Optional.empty());
    /** A modern session with 4-octet AS numbers and nothing else negotiated. */
    public static final DecodeContext FOUR_OCTET_AS = INITIAL.withFourOctetAs(true);

    public DecodeContext {
        addPathReceive = Set.copyOf(addPathReceive);
    }

    /**
     * What an established session uses, from the OPEN we sent and the OPEN we received. Path identifiers
     * come with the families where we said we receive and the peer said it sends.
     */
    public static DecodeContext negotiated(OpenMessage sent, OpenMessage received) {
        boolean fourOctetAs = sent.capability(FourOctetAsCapability.class).isPresent()
                && received.capability(FourOctetAsCapability.class).isPresent();
        boolean extendedMessage = sent.capability(ExtendedMessageCapability.class).isPresent()
                && received.capability(ExtendedMessageCapability.class).isPresent();
        Set<AfiSafi> weReceive = new HashSet<>();
        sent.capabilities(AddPathCapability.class).forEach(capability -> capability.families().stream()
                .filter(AddPathCapability.Family::canReceive).forEach(family -> weReceive.add(family.afiSafi())));
        Set<AfiSafi> addPath = new HashSet<>();
        received.capabilities(AddPathCapability.class).forEach(capability -> capability.families().stream()
                .filter(family -> family.canSend() && weReceive.contains(family.afiSafi()))
                .forEach(family -> addPath.add(family.afiSafi())));
        return new DecodeContext(fourOctetAs, addPath, extendedMessage, Optional.empty());
    }

    public DecodeContext withFourOctetAs(boolean value) {
        return new DecodeContext(value, addPathReceive, extendedMessage, ribEntryFamily);
    }

    public DecodeContext withAddPath(Set<AfiSafi> families) {
        return new DecodeContext(fourOctetAs, families, extendedMessage, ribEntryFamily);
    }

    public DecodeContext withExtendedMessage(boolean value) {
        return new DecodeContext(fourOctetAs, addPathReceive, value, ribEntryFamily);
    }

    public DecodeContext forRibEntry(AfiSafi family) {
        return new DecodeContext(fourOctetAs, addPathReceive, extendedMessage, Optional.of(family));
    }

    public boolean addPath(AfiSafi family) {
        return !addPathReceive.isEmpty() && addPathReceive.contains(family);
    }

    public int maxMessageLength() {
        return extendedMessage ? BgpMessage.MAX_EXTENDED_LENGTH : BgpMessage.MAX_LENGTH;
    }

    /** Octets per AS number in AS_PATH and AGGREGATOR. */
    public int asNumberLength() {
        return fourOctetAs ? 4 : 2;
    }
}
