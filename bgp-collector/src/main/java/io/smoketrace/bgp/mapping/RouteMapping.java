package io.smoketrace.bgp.mapping;

import io.smoketrace.bgp.codec.IpAddresses;
import io.smoketrace.bgp.codec.bgp.IpPrefix;
import io.smoketrace.bgp.codec.bgp.attribute.AsPath;
import io.smoketrace.bgp.codec.bgp.attribute.Communities.Community;
import io.smoketrace.bgp.codec.bgp.attribute.ExtendedCommunities.ExtendedCommunity;
import io.smoketrace.bgp.codec.bgp.attribute.LargeCommunities.LargeCommunity;
import io.smoketrace.bgp.codec.bgp.attribute.MpReachNlri;
import io.smoketrace.bgp.codec.bgp.attribute.PathAttributes;
import io.smoketrace.bgp.codec.bgp.AfiSafi;
import io.smoketrace.bgp.codec.bgp.capability.AddPathCapability;
import io.smoketrace.bgp.codec.bgp.capability.Capability;
import io.smoketrace.bgp.codec.bgp.capability.EnhancedRouteRefreshCapability;
import io.smoketrace.bgp.codec.bgp.capability.ExtendedMessageCapability;
import io.smoketrace.bgp.codec.bgp.capability.FourOctetAsCapability;
import io.smoketrace.bgp.codec.bgp.capability.GracefulRestartCapability;
import io.smoketrace.bgp.codec.bgp.capability.MultiprotocolCapability;
import io.smoketrace.bgp.codec.bgp.capability.RouteRefreshCapability;
import io.smoketrace.bgp.codec.bgp.capability.UnknownCapability;
import io.smoketrace.bgp.codec.bmp.PeerHeader;
import io.smoketrace.common.bgp.AsPathSegment;
import io.smoketrace.common.bgp.PeerRef;
import io.smoketrace.common.bgp.PeerRef.RibView;
import io.smoketrace.common.bgp.RouteAttributes;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one place codec records become the published contracts: path attributes into
 * {@link RouteAttributes}, prefixes into CIDR text, and the peer ids of {@link PeerRef}.
 */
public final class RouteMapping {

    /** Well-known communities (IANA registry) by value, published by name. */
    private static final Map<Integer, String> WELL_KNOWN = Map.of(
            0xFFFF0000, "graceful-shutdown",
            0xFFFF0001, "accept-own",
            0xFFFF0006, "llgr-stale",
            0xFFFF0007, "no-llgr",
            0xFFFF029A, "blackhole",
            0xFFFFFF01, "no-export",
            0xFFFFFF02, "no-advertise",
            0xFFFFFF03, "no-export-subconfed",
            0xFFFFFF04, "no-peer");

    private RouteMapping() {
    }

    /** The attributes operators read, from what came off the wire (discarded attributes are simply absent). */
    public static RouteAttributes attributes(PathAttributes wire) {
        AsPath asPath = wire.asPath().orElse(AsPath.EMPTY);
        List<AsPathSegment> segments = new ArrayList<>(asPath.segments().size());
        for (var segment : asPath.segments()) {
            List<Long> asns = new ArrayList<>(segment.size());
            for (int i = 0; i < segment.size(); i++) {
                asns.add(segment.asNumber(i));
            }
            segments.add(new AsPathSegment(AsPathSegment.SegmentType.valueOf(segment.type().name()), asns));
        }
        Long originAs = !asPath.segments().isEmpty() && asPath.segments().getLast().size() > 0
                && asPath.originAs().isPresent() ? asPath.originAs().getAsLong() : null;
        return new RouteAttributes(
                wire.origin().map(origin -> RouteAttributes.Origin.values()[origin.value()]).orElse(null),
                segments,
                originAs,
                nextHop(wire),
                wire.multiExitDisc().map(med -> med.value()).orElse(null),
                wire.localPref().map(localPref -> localPref.value()).orElse(null),
                wire.atomicAggregate(),
                wire.aggregator().map(a -> new RouteAttributes.Aggregator(a.asNumber(), IpAddresses.format(a.address())))
                        .orElse(null),
                wire.communities().map(c -> c.values().stream().map(RouteMapping::community).toList()).orElse(List.of()),
                wire.extendedCommunities().map(c -> c.values().stream().map(RouteMapping::extendedCommunity).toList())
                        .orElse(List.of()),
                wire.largeCommunities().map(c -> c.values().stream().map(LargeCommunity::toString).toList())
                        .orElse(List.of()));
    }

    private static String nextHop(PathAttributes wire) {
        return wire.mpReachNlri().flatMap(MpReachNlri::nextHopAddress).map(IpAddresses::format)
                .or(() -> wire.nextHop().map(nextHop -> IpAddresses.format(nextHop.address())))
                .orElse(null);
    }

    /** {@code asn:value}, or the IANA name of a well-known community. */
    public static String community(Community community) {
        String name = WELL_KNOWN.get(community.value());
        return name != null ? name : community.toString();
    }

    /**
     * Route targets and sites of origin as {@code rt:} / {@code soo:} with the global administrator
     * (2-octet AS, IPv4 address or 4-octet AS) and the local value; any other as 16 hex digits.
     */
    public static String extendedCommunity(ExtendedCommunity community) {
        int type = community.type() & 0x3F;
        int subtype = community.subtype();
        String kind = subtype == 0x02 ? "rt" : subtype == 0x03 ? "soo" : null;
        long value = community.value();
        if (kind == null || type > 0x02) {
            return community.toString();
        }
        return switch (type) {
            case 0x00 -> kind + ":" + (value >>> 32 & 0xFFFF) + ":" + (value & 0xFFFFFFFFL);
            case 0x01 -> kind + ":" + IpAddresses.format(IpAddresses.ipv4((int) (value >>> 16))) + ":" + (value & 0xFFFF);
            default -> kind + ":" + (value >>> 16 & 0xFFFFFFFFL) + ":" + (value & 0xFFFF);
        };
    }

    /** The prefix as a RIB keys it: CIDR text with host bits cleared. */
    public static String prefix(IpPrefix prefix) {
        return prefix.masked().toString();
    }

    /** A neighbour of one of our own sessions: {@code bgp:<address>}. */
    public static PeerRef sessionPeer(InetAddress address, long asn, String bgpId) {
        String text = IpAddresses.format(address);
        return new PeerRef("bgp:" + text, text, asn, bgpId, null, null, RibView.ADJ_RIB_IN);
    }

    /** A peer a router reports over BMP: {@code bmp:<router>:<address>[:<rd>]:<view>}. */
    public static PeerRef bmpPeer(String router, PeerHeader header) {
        RibView view = header.isLocRib() ? RibView.LOC_RIB
                : header.isPostPolicy() ? RibView.ADJ_RIB_IN_POST_POLICY : RibView.ADJ_RIB_IN_PRE_POLICY;
        String address = IpAddresses.format(header.peerAddress());
        String distinguisher = header.peerDistinguisher() == 0 ? null : routeDistinguisher(header.peerDistinguisher());
        String peerId = "bmp:" + router + ":" + address + (distinguisher == null ? "" : ":" + distinguisher) + ":" + view;
        return new PeerRef(peerId, address, header.peerAs(), IpAddresses.format(header.peerBgpId()), router,
                distinguisher, view);
    }

    /** A peer of an MRT file's collector: {@code mrt:<collector>:<address>}. */
    public static PeerRef mrtPeer(String collector, InetAddress address, long asn, String bgpId) {
        String text = IpAddresses.format(address);
        return new PeerRef("mrt:" + collector + ":" + text, text, asn, bgpId, null, null, RibView.MRT);
    }

    /** A route distinguisher (RFC 4364 4.2) in its usual text form: {@code asn:number} or {@code ip:number}. */
    public static String routeDistinguisher(long rd) {
        int type = (int) (rd >>> 48);
        return switch (type) {
            case 0 -> (rd >>> 32 & 0xFFFF) + ":" + (rd & 0xFFFFFFFFL);
            case 1 -> IpAddresses.format(IpAddresses.ipv4((int) (rd >>> 16))) + ":" + (rd & 0xFFFF);
            case 2 -> (rd >>> 16 & 0xFFFFFFFFL) + ":" + (rd & 0xFFFF);
            default -> String.format("%016x", rd);
        };
    }

    /** Capabilities by name, as peer state lists them: {@code multiprotocol ipv4-unicast}, {@code 4-octet-as} ... */
    public static List<String> capabilityNames(List<Capability> capabilities) {
        List<String> names = new ArrayList<>();
        for (Capability capability : capabilities) {
            switch (capability) {
                case MultiprotocolCapability mp -> names.add("multiprotocol " + family(mp.afiSafi()));
                case RouteRefreshCapability rr -> names.add("route-refresh");
                case EnhancedRouteRefreshCapability err -> names.add("enhanced-route-refresh");
                case ExtendedMessageCapability em -> names.add("extended-message");
                case FourOctetAsCapability as4 -> names.add("4-octet-as");
                case GracefulRestartCapability gr -> names.add("graceful-restart");
                case AddPathCapability addPath -> addPath.families().forEach(f -> names.add("add-path " + family(f.afiSafi())
                        + (f.canSend() && f.canReceive() ? " send-receive" : f.canSend() ? " send" : " receive")));
                case UnknownCapability unknown -> names.add("capability " + unknown.code());
            }
        }
        return names;
    }

    /** {@code ipv4-unicast}, {@code ipv6-unicast} ... or {@code afi/safi} numbers. */
    public static String family(AfiSafi family) {
        String afi = family.afi() == AfiSafi.AFI_IPV4 ? "ipv4" : family.afi() == AfiSafi.AFI_IPV6 ? "ipv6" : null;
        String safi = family.safi() == AfiSafi.SAFI_UNICAST ? "unicast" : family.safi() == AfiSafi.SAFI_MULTICAST ? "multicast" : null;
        return afi != null && safi != null ? afi + "-" + safi : family.toString();
    }

    /** The family named in configuration ({@code ipv4-unicast}, {@code ipv6-unicast}). */
    public static AfiSafi parseFamily(String name) {
        return switch (name.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "ipv4-unicast" -> AfiSafi.IPV4_UNICAST;
            case "ipv6-unicast" -> AfiSafi.IPV6_UNICAST;
            default -> throw new IllegalArgumentException("unknown address family '" + name
                    + "': use ipv4-unicast or ipv6-unicast");
        };
    }
}
