package io.smoketrace.bgp.codec.mrt;

import io.smoketrace.bgp.codec.CodecException;
import io.smoketrace.bgp.codec.IpAddresses;
import io.smoketrace.bgp.codec.Octets;
import io.smoketrace.bgp.codec.WireReader;
import io.smoketrace.bgp.codec.WireUnderflowException;
import io.smoketrace.bgp.codec.bgp.AfiSafi;
import io.smoketrace.bgp.codec.bgp.BgpDecodeException;
import io.smoketrace.bgp.codec.bgp.BgpMessage;
import io.smoketrace.bgp.codec.bgp.BgpMessageCodec;
import io.smoketrace.bgp.codec.bgp.DecodeContext;
import io.smoketrace.bgp.codec.bgp.IpPrefix;
import io.smoketrace.bgp.codec.bgp.NlriCodec;
import io.smoketrace.bgp.codec.bgp.NotificationMessage;
import io.smoketrace.bgp.codec.bgp.attribute.PathAttributeCodec;
import io.smoketrace.bgp.codec.bgp.attribute.PathAttributes;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Decodes MRT record bodies: the registry of body decoders keyed by type and subtype.
 */
public final class MrtRecordDecoder {

    @FunctionalInterface
    private interface BodyDecoder {
        MrtRecord decode(MrtHeader header, WireReader body) throws CodecException;
    }

    private static final Map<Integer, BodyDecoder> BY_TYPE_AND_SUBTYPE = new HashMap<>();
    /** In RIB entries every address family is possible, so any of them may use ADD-PATH (RFC 8050). */
    private static final Set<AfiSafi> IP_FAMILIES = Set.of(AfiSafi.IPV4_UNICAST, AfiSafi.IPV4_MULTICAST,
            AfiSafi.IPV6_UNICAST, AfiSafi.IPV6_MULTICAST,
            new AfiSafi(AfiSafi.AFI_IPV4, AfiSafi.SAFI_UNICAST_MULTICAST), new AfiSafi(AfiSafi.AFI_IPV6, AfiSafi.SAFI_UNICAST_MULTICAST));

    static {
        register(MrtHeader.TABLE_DUMP, TableDumpEntry.SUBTYPE_AFI_IPV4, (h, b) -> tableDump(h, b, 4));
        register(MrtHeader.TABLE_DUMP, TableDumpEntry.SUBTYPE_AFI_IPV6, (h, b) -> tableDump(h, b, 16));
        register(MrtHeader.TABLE_DUMP_V2, PeerIndexTable.SUBTYPE, MrtRecordDecoder::peerIndexTable);
        registerRib(RibRecord.RIB_IPV4_UNICAST, AfiSafi.IPV4_UNICAST, false);
        registerRib(RibRecord.RIB_IPV4_MULTICAST, AfiSafi.IPV4_MULTICAST, false);
        registerRib(RibRecord.RIB_IPV6_UNICAST, AfiSafi.IPV6_UNICAST, false);
        registerRib(RibRecord.RIB_IPV6_MULTICAST, AfiSafi.IPV6_MULTICAST, false);
        registerRib(RibRecord.RIB_IPV4_UNICAST_ADDPATH, AfiSafi.IPV4_UNICAST, true);
        registerRib(RibRecord.RIB_IPV4_MULTICAST_ADDPATH, AfiSafi.IPV4_MULTICAST, true);
        registerRib(RibRecord.RIB_IPV6_UNICAST_ADDPATH, AfiSafi.IPV6_UNICAST, true);
        registerRib(RibRecord.RIB_IPV6_MULTICAST_ADDPATH, AfiSafi.IPV6_MULTICAST, true);
        register(MrtHeader.TABLE_DUMP_V2, RibRecord.RIB_GENERIC, (h, b) -> ribGeneric(h, b, false));
        register(MrtHeader.TABLE_DUMP_V2, RibRecord.RIB_GENERIC_ADDPATH, (h, b) -> ribGeneric(h, b, true));
        for (int type : new int[] {MrtHeader.BGP4MP, MrtHeader.BGP4MP_ET}) {
            register(type, Bgp4mpStateChange.STATE_CHANGE, (h, b) -> stateChange(h, b, 2));
            register(type, Bgp4mpStateChange.STATE_CHANGE_AS4, (h, b) -> stateChange(h, b, 4));
            for (int subtype : new int[] {Bgp4mpMessage.MESSAGE, Bgp4mpMessage.MESSAGE_AS4, Bgp4mpMessage.MESSAGE_LOCAL,
                    Bgp4mpMessage.MESSAGE_AS4_LOCAL, Bgp4mpMessage.MESSAGE_ADDPATH, Bgp4mpMessage.MESSAGE_AS4_ADDPATH,
                    Bgp4mpMessage.MESSAGE_LOCAL_ADDPATH, Bgp4mpMessage.MESSAGE_AS4_LOCAL_ADDPATH}) {
                register(type, subtype, MrtRecordDecoder::bgp4mpMessage);
            }
        }
    }

    private MrtRecordDecoder() {
    }

    private static void register(int type, int subtype, BodyDecoder decoder) {
        if (BY_TYPE_AND_SUBTYPE.put(key(type, subtype), decoder) != null) {
            throw new IllegalStateException("MRT type " + type + " subtype " + subtype + " registered twice");
        }
    }

    private static void registerRib(int subtype, AfiSafi family, boolean addPath) {
        register(MrtHeader.TABLE_DUMP_V2, subtype, (h, b) -> rib(h, b, family, addPath));
    }

    private static int key(int type, int subtype) {
        return type << 16 | subtype;
    }

    public static boolean isSupported(int type, int subtype) {
        return BY_TYPE_AND_SUBTYPE.containsKey(key(type, subtype));
    }

    /**
     * Decodes a record body (after any microsecond field).
     *
     * @throws MrtDecodeException for an unsupported type or a malformed body, with the record's offset
     */
    public static MrtRecord decode(MrtHeader header, WireReader body) throws MrtDecodeException {
        BodyDecoder decoder = BY_TYPE_AND_SUBTYPE.get(key(header.type(), header.subtype()));
        if (decoder == null) {
            throw new MrtDecodeException("unsupported type " + header.type() + " subtype " + header.subtype(), header.offset());
        }
        try {
            MrtRecord record = decoder.decode(header, body);
            if (body.hasRemaining()) {
                throw new MalformedMrtException(body.remaining() + " octets after the end of the record");
            }
            return record;
        } catch (CodecException malformed) {
            throw new MrtDecodeException("type " + header.type() + " subtype " + header.subtype() + ": "
                    + malformed.getMessage(), header.offset(), malformed);
        }
    }

    private static TableDumpEntry tableDump(MrtHeader header, WireReader body, int width) throws CodecException {
        int view = body.u16();
        int sequence = body.u16();
        byte[] address = body.bytes(width);
        int length = body.u8();
        if (length > width * 8) {
            throw new MalformedMrtException("prefix length " + length + " exceeds " + width * 8);
        }
        int status = body.u8();
        long originated = body.u32();
        InetAddress peer = IpAddresses.fromOctets(body.bytes(width));
        int peerAs = body.u16();
        AfiSafi family = width == 4 ? AfiSafi.IPV4_UNICAST : AfiSafi.IPV6_UNICAST;
        PathAttributes attributes = attributes(body, DecodeContext.INITIAL.forRibEntry(family));
        return new TableDumpEntry(header, view, sequence, new IpPrefix(Octets.copyOf(address), length),
                status, originated, peer, peerAs, attributes);
    }

    private static PathAttributes attributes(WireReader body, DecodeContext context) throws WireUnderflowException, MalformedMrtException {
        int length = body.u16();
        if (length > body.remaining()) {
            throw new MalformedMrtException("attribute length " + length + " overruns the record (" + body.remaining() + " left)");
        }
        return PathAttributeCodec.decode(body.slice(length), context);
    }

    private static PeerIndexTable peerIndexTable(MrtHeader header, WireReader body) throws CodecException {
        Inet4Address collector = IpAddresses.ipv4(body.i32());
        String viewName = new String(body.bytes(body.u16()), StandardCharsets.UTF_8);
        int count = body.u16();
        List<PeerIndexTable.Peer> peers = new ArrayList<>(Math.min(count, body.remaining() / 9));
        for (int i = 0; i < count; i++) {
            int peerType = body.u8();
            Inet4Address bgpId = IpAddresses.ipv4(body.i32());
            InetAddress address = IpAddresses.fromOctets(body.bytes((peerType & PeerIndexTable.PEER_IPV6) != 0 ? 16 : 4));
            long asNumber = (peerType & PeerIndexTable.PEER_AS4) != 0 ? body.u32() : body.u16();
            peers.add(new PeerIndexTable.Peer(peerType, bgpId, address, asNumber));
        }
        return new PeerIndexTable(header, collector, viewName, peers);
    }

    private static RibRecord rib(MrtHeader header, WireReader body, AfiSafi family, boolean addPath) throws CodecException {
        long sequence = body.u32();
        IpPrefix prefix = NlriCodec.decodePrefix(body, family.addressLength(), NotificationMessage.UpdateError.INVALID_NETWORK_FIELD);
        return new RibRecord(header, sequence, family, prefix, addPath, ribEntries(body, family, addPath));
    }

    private static MrtRecord ribGeneric(MrtHeader header, WireReader body, boolean addPath) throws CodecException {
        long sequence = body.u32();
        int afi = body.u16();
        AfiSafi family = new AfiSafi(afi, body.u8());
        if (!family.carriesIpPrefixes()) {
            return new RibGenericRecord(header, sequence, family, addPath, body.rest());
        }
        IpPrefix prefix = NlriCodec.decodePrefix(body, family.addressLength(), NotificationMessage.UpdateError.INVALID_NETWORK_FIELD);
        return new RibRecord(header, sequence, family, prefix, addPath, ribEntries(body, family, addPath));
    }

    private static List<RibRecord.RibEntry> ribEntries(WireReader body, AfiSafi family, boolean addPath) throws CodecException {
        int count = body.u16();
        DecodeContext context = DecodeContext.FOUR_OCTET_AS.withAddPath(addPath ? IP_FAMILIES : Set.of()).forRibEntry(family);
        List<RibRecord.RibEntry> entries = new ArrayList<>(Math.min(count, body.remaining() / 8));
        for (int i = 0; i < count; i++) {
            int peerIndex = body.u16();
            long originated = body.u32();
            OptionalLong pathId = addPath ? OptionalLong.of(body.u32()) : OptionalLong.empty();
            entries.add(new RibRecord.RibEntry(peerIndex, originated, pathId, attributes(body, context)));
        }
        return entries;
    }

    private static Bgp4mpStateChange stateChange(MrtHeader header, WireReader body, int asLength) throws CodecException {
        long peerAs = asLength == 4 ? body.u32() : body.u16();
        long localAs = asLength == 4 ? body.u32() : body.u16();
        int interfaceIndex = body.u16();
        int width = addressWidth(body.u16());
        InetAddress peer = IpAddresses.fromOctets(body.bytes(width));
        InetAddress local = IpAddresses.fromOctets(body.bytes(width));
        return new Bgp4mpStateChange(header, peerAs, localAs, interfaceIndex, peer, local, body.u16(), body.u16());
    }

    private static Bgp4mpMessage bgp4mpMessage(MrtHeader header, WireReader body) throws CodecException {
        int subtype = header.subtype();
        boolean as4 = Bgp4mpMessage.isAs4(subtype);
        long peerAs = as4 ? body.u32() : body.u16();
        long localAs = as4 ? body.u32() : body.u16();
        int interfaceIndex = body.u16();
        int width = addressWidth(body.u16());
        InetAddress peer = IpAddresses.fromOctets(body.bytes(width));
        InetAddress local = IpAddresses.fromOctets(body.bytes(width));
        // Archived sessions may have negotiated extended messages; the MRT record bounds the size anyway.
        DecodeContext context = DecodeContext.INITIAL.withFourOctetAs(as4).withExtendedMessage(true)
                .withAddPath(Bgp4mpMessage.isAddPath(subtype) ? IP_FAMILIES : Set.of());
        try {
            return new Bgp4mpMessage(header, peerAs, localAs, interfaceIndex, peer, local, readBgpMessage(body, context),
                    Optional.empty());
        } catch (BgpDecodeException malformed) {
            if (malformed.partial().isEmpty()) {
                throw malformed;
            }
            return new Bgp4mpMessage(header, peerAs, localAs, interfaceIndex, peer, local, malformed.partial().get(),
                    Optional.of(malformed.getMessage()));
        }
    }

    private static BgpMessage readBgpMessage(WireReader body, DecodeContext context)
            throws WireUnderflowException, BgpDecodeException, MalformedMrtException {
        if (body.remaining() < BgpMessage.HEADER_LENGTH) {
            throw new MalformedMrtException("BGP message shorter than its header: " + body.remaining() + " octets");
        }
        int length = BgpMessageCodec.messageLength(body.peekBytes(BgpMessage.HEADER_LENGTH), 0, context);
        if (length > body.remaining()) {
            throw new MalformedMrtException("BGP message of " + length + " octets is cut off after " + body.remaining());
        }
        return BgpMessageCodec.decode(body.bytes(length), context);
    }

    private static int addressWidth(int afi) throws MalformedMrtException {
        return switch (afi) {
            case AfiSafi.AFI_IPV4 -> 4;
            case AfiSafi.AFI_IPV6 -> 16;
            default -> throw new MalformedMrtException("address family " + afi + " is neither IPv4 nor IPv6");
        };
    }
}
