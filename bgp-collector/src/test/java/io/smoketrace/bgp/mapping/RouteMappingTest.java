package io.smoketrace.bgp.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import io.smoketrace.bgp.codec.IpAddresses;
import io.smoketrace.bgp.codec.bgp.AfiSafi;
import io.smoketrace.bgp.codec.bgp.IpPrefix;
import io.smoketrace.bgp.codec.bgp.Nlri;
import io.smoketrace.bgp.codec.bgp.attribute.Aggregator;
import io.smoketrace.bgp.codec.bgp.attribute.As4Path;
import io.smoketrace.bgp.codec.bgp.attribute.AsPath;
import io.smoketrace.bgp.codec.bgp.attribute.AsPathSegment;
import io.smoketrace.bgp.codec.bgp.attribute.AtomicAggregate;
import io.smoketrace.bgp.codec.bgp.attribute.Communities;
import io.smoketrace.bgp.codec.bgp.attribute.ExtendedCommunities;
import io.smoketrace.bgp.codec.bgp.attribute.LargeCommunities;
import io.smoketrace.bgp.codec.bgp.attribute.LocalPref;
import io.smoketrace.bgp.codec.bgp.attribute.MpReachNlri;
import io.smoketrace.bgp.codec.bgp.attribute.MultiExitDisc;
import io.smoketrace.bgp.codec.bgp.attribute.Origin;
import io.smoketrace.bgp.codec.bgp.attribute.PathAttributes;
import io.smoketrace.bgp.codec.bmp.PeerHeader;
import io.smoketrace.common.bgp.AsPathSegment.SegmentType;
import io.smoketrace.common.bgp.PeerRef;
import io.smoketrace.common.bgp.RouteAttributes;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouteMappingTest {

    @Test
    void mapsEveryAttributeOperatorsRead() throws Exception {
        PathAttributes wire = PathAttributes.of(List.of(
                new Origin(Origin.INCOMPLETE),
                new AsPath(List.of(AsPathSegment.sequence(64500, 4200000001L), AsPathSegment.of(AsPathSegment.Type.AS_SET, 64511, 64512))),
                MpReachNlri.of(AfiSafi.IPV6_UNICAST, InetAddress.getByName("2001:db8::7"),
                        List.of(Nlri.of(IpPrefix.parse("2001:db8:100::/48")))),
                new MultiExitDisc(10),
                new LocalPref(200),
                AtomicAggregate.INSTANCE,
                new Aggregator(64510, (Inet4Address) InetAddress.getByName("198.51.100.9")),
                new Communities(List.of(Communities.Community.of(64500, 100), Communities.Community.NO_EXPORT,
                        new Communities.Community(0xFFFF029A))),
                new ExtendedCommunities(List.of(new ExtendedCommunities.ExtendedCommunity(0x0002FBF400000001L),
                        new ExtendedCommunities.ExtendedCommunity(0x0103C0000201000AL),
                        new ExtendedCommunities.ExtendedCommunity(0x0202FA56EA0100C8L),
                        new ExtendedCommunities.ExtendedCommunity(0x4300000000000001L))),
                new LargeCommunities(List.of(new LargeCommunities.LargeCommunity(4200000001L, 1, 2)))));

        RouteAttributes attributes = RouteMapping.attributes(wire);

        assertThat(attributes.origin()).isEqualTo(RouteAttributes.Origin.INCOMPLETE);
        assertThat(attributes.asPathText()).isEqualTo("64500 4200000001 {64511,64512}");
        assertThat(attributes.asPath().get(1).type()).isEqualTo(SegmentType.AS_SET);
        assertThat(attributes.originAs()).as("a path ending in a set has no origin AS").isNull();
        assertThat(attributes.nextHop()).isEqualTo("2001:db8::7");
        assertThat(attributes.med()).isEqualTo(10L);
        assertThat(attributes.localPref()).isEqualTo(200L);
        assertThat(attributes.atomicAggregate()).isTrue();
        assertThat(attributes.aggregator()).isEqualTo(new RouteAttributes.Aggregator(64510, "198.51.100.9"));
        assertThat(attributes.communities()).containsExactly("64500:100", "no-export", "blackhole");
        assertThat(attributes.extendedCommunities()).containsExactly("rt:64500:1", "soo:192.0.2.1:10",
                "rt:4200000001:200", "4300000000000001");
        assertThat(attributes.largeCommunities()).containsExactly("4200000001:1:2");
    }

    @Test
    void mergesAs4PathOnTwoOctetSessionsAndNamesTheOrigin() throws Exception {
        PathAttributes wire = new PathAttributes(List.of(Origin.ORIGIN_IGP,
                new AsPath(List.of(AsPathSegment.sequence(64500, 23456, 23456))),
                new As4Path(List.of(AsPathSegment.sequence(4200000001L, 4200000002L))),
                new io.smoketrace.bgp.codec.bgp.attribute.NextHop((Inet4Address) InetAddress.getByName("192.0.2.1"))),
                List.of(), false);

        RouteAttributes attributes = RouteMapping.attributes(wire);

        assertThat(attributes.asPathText()).isEqualTo("64500 4200000001 4200000002");
        assertThat(attributes.originAs()).isEqualTo(4200000002L);
        assertThat(attributes.nextHop()).isEqualTo("192.0.2.1");
    }

    @Test
    void prefixesLoseTheirHostBits() {
        assertThat(RouteMapping.prefix(IpPrefix.parse("203.0.113.7/24"))).isEqualTo("203.0.113.0/24");
        assertThat(RouteMapping.prefix(IpPrefix.parse("2001:db8:1::1/48"))).isEqualTo("2001:db8:1::/48");
    }

    @Test
    void bmpPeerIdsNameRouterAddressDistinguisherAndView() throws Exception {
        PeerHeader postPolicyInVrf = new PeerHeader(PeerHeader.RD_INSTANCE_PEER, PeerHeader.FLAG_POST_POLICY,
                0x0000FDE800000064L, InetAddress.getByName("198.51.100.7"), 64500,
                (Inet4Address) InetAddress.getByName("198.51.100.7"), 0, 0);
        PeerHeader preGlobal = new PeerHeader(PeerHeader.GLOBAL_INSTANCE_PEER, PeerHeader.FLAG_IPV6, 0,
                InetAddress.getByName("2001:db8::7"), 64500, (Inet4Address) InetAddress.getByName("198.51.100.7"), 0, 0);

        assertThat(RouteMapping.bmpPeer("192.0.2.254", postPolicyInVrf).peerId())
                .isEqualTo("bmp:192.0.2.254:198.51.100.7:65000:100:ADJ_RIB_IN_POST_POLICY");
        PeerRef pre = RouteMapping.bmpPeer("192.0.2.254", preGlobal);
        assertThat(pre.peerId()).isEqualTo("bmp:192.0.2.254:2001:db8::7:ADJ_RIB_IN_PRE_POLICY");
        assertThat(pre.routerAddress()).isEqualTo("192.0.2.254");
        assertThat(RouteMapping.sessionPeer(InetAddress.getByName("192.0.2.1"), 64500, null).peerId()).isEqualTo("bgp:192.0.2.1");
        assertThat(RouteMapping.mrtPeer("10.0.0.1", InetAddress.getByName("192.0.2.1"), 64500, null).peerId())
                .isEqualTo("mrt:10.0.0.1:192.0.2.1");
        assertThat(IpAddresses.format(InetAddress.getByName("2001:db8::7"))).isEqualTo("2001:db8::7");
    }
}
