package io.smoketrace.bgp.codec.bgp.attribute;

import io.smoketrace.bgp.codec.IpAddresses;
import io.smoketrace.bgp.codec.Octets;
import io.smoketrace.bgp.codec.WireReader;
import io.smoketrace.bgp.codec.WireUnderflowException;
import io.smoketrace.bgp.codec.WireWriter;
import io.smoketrace.bgp.codec.bgp.AfiSafi;
import io.smoketrace.bgp.codec.bgp.BgpDecodeException;
import io.smoketrace.bgp.codec.bgp.DecodeContext;
import io.smoketrace.bgp.codec.bgp.ErrorAction;
import io.smoketrace.bgp.codec.bgp.Nlri;
import io.smoketrace.bgp.codec.bgp.NlriCodec;
import io.smoketrace.bgp.codec.bgp.NotificationMessage;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * MP_REACH_NLRI (RFC 4760): routes of any address family with their next hop. IPv4 and IPv6 prefixes
 * are decoded; the NLRI of other families is kept as octets in {@code unparsedNlri}.
 *
 * @param nextHop      the next hop field as sent: 4 or 16 octets, or 32 for an IPv6 global plus link-local pair
 * @param nlri         the decoded routes, empty for families this codec does not decode
 * @param unparsedNlri the NLRI octets of families this codec does not decode
 */
public record MpReachNlri(AfiSafi afiSafi, Octets nextHop, List<Nlri> nlri, Octets unparsedNlri) implements PathAttribute {

    public static final int TYPE = 14;

    // RFC 7606 7.11: the NLRI cannot be located reliably in a malformed MP_REACH_NLRI, so the session resets.
    static final AttributeCodec<MpReachNlri> CODEC = new AttributeCodec<>(TYPE, "MP_REACH_NLRI", OPTIONAL_NON_TRANSITIVE,
            ErrorAction.SESSION_RESET, NotificationMessage.UpdateError.OPTIONAL_ATTRIBUTE_ERROR,
            MpReachNlri::decode, MpReachNlri::encode);

    public MpReachNlri {
        nlri = List.copyOf(nlri);
    }

    public static MpReachNlri of(AfiSafi afiSafi, InetAddress nextHop, List<Nlri> nlri) {
        return new MpReachNlri(afiSafi, Octets.copyOf(nextHop.getAddress()), nlri, Octets.EMPTY);
    }

    @Override
    public int typeCode() {
        return TYPE;
    }

    /** The (global) next hop address, when the next hop field holds an IP address. */
    public Optional<InetAddress> nextHopAddress() {
        return switch (nextHop.length()) {
            case 4, 16 -> Optional.of(IpAddresses.fromOctets(nextHop.toByteArray()));
            case 32 -> Optional.of(IpAddresses.fromOctets(Arrays.copyOf(nextHop.toByteArray(), 16)));
            default -> Optional.empty();
        };
    }

    /** The link-local next hop that RFC 2545 allows after an IPv6 global next hop. */
    public Optional<InetAddress> linkLocalNextHop() {
        return nextHop.length() == 32
                ? Optional.of(IpAddresses.fromOctets(Arrays.copyOfRange(nextHop.toByteArray(), 16, 32)))
                : Optional.empty();
    }

    private static MpReachNlri decode(WireReader value, DecodeContext context)
            throws MalformedAttributeException, WireUnderflowException {
        // RFC 6396 4.3.4: a RIB entry keeps only next hop length and next hop. Its first octet is a
        // non-zero length, where the full form starts with the high octet of an AFI, zero for IP.
        if (context.ribEntryFamily().isPresent() && value.peekU8() != 0) {
            int length = value.u8();
            Octets nextHop = value.octets(length);
            expectEmpty(value);
            return new MpReachNlri(context.ribEntryFamily().get(), nextHop, List.of(), Octets.EMPTY);
        }
        AfiSafi family = new AfiSafi(value.u16(), value.u8());
        int nextHopLength = value.u8();
        Octets nextHop = value.octets(nextHopLength);
        value.u8(); // reserved (the SNPA count of RFC 2858), ignored as RFC 4760 says
        if (!family.carriesIpPrefixes()) {
            return new MpReachNlri(family, nextHop, List.of(), value.rest());
        }
        if (context.ribEntryFamily().isEmpty() && !validNextHopLength(family, nextHopLength)) {
            throw MalformedAttributeException.value("next hop length " + nextHopLength + " is not valid for AFI/SAFI " + family);
        }
        List<Nlri> nlri = new ArrayList<>();
        try {
            NlriCodec.decode(value, family.afi(), context.addPath(family),
                    NotificationMessage.UpdateError.OPTIONAL_ATTRIBUTE_ERROR, nlri);
        } catch (BgpDecodeException malformed) {
            throw MalformedAttributeException.value(malformed.getMessage());
        }
        return new MpReachNlri(family, nextHop, nlri, Octets.EMPTY);
    }

    /** IPv4 routes may use an IPv6 next hop (RFC 8950); IPv6 routes need an IPv6 one (RFC 2545). */
    private static boolean validNextHopLength(AfiSafi family, int length) {
        return length == 16 || length == 32 || (length == 4 && family.afi() == AfiSafi.AFI_IPV4);
    }

    private static void expectEmpty(WireReader value) throws MalformedAttributeException {
        if (value.hasRemaining()) {
            throw MalformedAttributeException.length("MP_REACH_NLRI has " + value.remaining() + " octets after the next hop");
        }
    }

    private static void encode(MpReachNlri reach, WireWriter out, DecodeContext context) {
        if (context.ribEntryFamily().isPresent()) {
            out.u8(reach.nextHop.length()).octets(reach.nextHop);
            return;
        }
        out.u16(reach.afiSafi.afi()).u8(reach.afiSafi.safi()).u8(reach.nextHop.length()).octets(reach.nextHop).u8(0);
        NlriCodec.encode(reach.nlri, context.addPath(reach.afiSafi), out);
        out.octets(reach.unparsedNlri);
    }
}
