package io.smoketrace.bgp.codec.bgp;

import io.smoketrace.bgp.codec.IpAddresses;
import io.smoketrace.bgp.codec.Octets;
import io.smoketrace.bgp.codec.bgp.attribute.Aggregator;
import io.smoketrace.bgp.codec.bgp.attribute.As4Aggregator;
import io.smoketrace.bgp.codec.bgp.attribute.As4Path;
import io.smoketrace.bgp.codec.bgp.attribute.AsPath;
import io.smoketrace.bgp.codec.bgp.attribute.AsPathSegment;
import io.smoketrace.bgp.codec.bgp.attribute.AtomicAggregate;
import io.smoketrace.bgp.codec.bgp.attribute.ClusterList;
import io.smoketrace.bgp.codec.bgp.attribute.Communities;
import io.smoketrace.bgp.codec.bgp.attribute.ExtendedCommunities;
import io.smoketrace.bgp.codec.bgp.attribute.LargeCommunities;
import io.smoketrace.bgp.codec.bgp.attribute.LocalPref;
import io.smoketrace.bgp.codec.bgp.attribute.MpReachNlri;
import io.smoketrace.bgp.codec.bgp.attribute.MpUnreachNlri;
import io.smoketrace.bgp.codec.bgp.attribute.MultiExitDisc;
import io.smoketrace.bgp.codec.bgp.attribute.NextHop;
import io.smoketrace.bgp.codec.bgp.attribute.Origin;
import io.smoketrace.bgp.codec.bgp.attribute.OriginatorId;
import io.smoketrace.bgp.codec.bgp.attribute.PathAttributes;
import io.smoketrace.bgp.codec.bgp.attribute.UnknownAttribute;
import io.smoketrace.bgp.codec.bgp.capability.AddPathCapability;
import io.smoketrace.bgp.codec.bgp.capability.Capability;
import io.smoketrace.bgp.codec.bgp.capability.EnhancedRouteRefreshCapability;
import io.smoketrace.bgp.codec.bgp.capability.ExtendedMessageCapability;
import io.smoketrace.bgp.codec.bgp.capability.FourOctetAsCapability;
import io.smoketrace.bgp.codec.bgp.capability.GracefulRestartCapability;
import io.smoketrace.bgp.codec.bgp.capability.MultiprotocolCapability;
import io.smoketrace.bgp.codec.bgp.capability.RouteRefreshCapability;
import io.smoketrace.bgp.codec.bgp.capability.UnknownCapability;
import org.junit.jupiter.api.Test;

import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Messages built from records survive encode and decode unchanged, with every attribute and capability
 * the codec knows, in each session context that changes the encoding.
 */
class BgpMessageRoundTripTest {

    private static final Inet4Address ROUTER = IpAddresses.ipv4(0xC0000201);

    private static BgpMessage roundTrip(BgpMessage message, DecodeContext context) throws BgpDecodeException {
        return BgpMessageCodec.decode(BgpMessageCodec.encode(message, context), context);
    }

    private static UpdateMessage updateWithEveryAttribute(boolean fourOctetAs) {
        AsPath path = new AsPath(List.of(AsPathSegment.sequence(65001, 65002), AsPathSegment.of(AsPathSegment.Type.AS_SET, 65003, 65004),
                AsPathSegment.of(AsPathSegment.Type.AS_CONFED_SEQUENCE, 65005), AsPathSegment.of(AsPathSegment.Type.AS_CONFED_SET, 65006)));
        Set<AfiSafi> none = Set.of();
        return new UpdateMessage(List.of(Nlri.of(IpPrefix.parse("203.0.113.0/24"))),
                new PathAttributes(List.of(
                        Origin.ORIGIN_IGP, path, new NextHop(ROUTER), new MultiExitDisc(4_000_000_000L), new LocalPref(100),
                        AtomicAggregate.INSTANCE, new Aggregator(65001, ROUTER),
                        new Communities(List.of(Communities.Community.of(65001, 1), Communities.Community.NO_EXPORT)),
                        new OriginatorId(ROUTER), new ClusterList(List.of(ROUTER, IpAddresses.ipv4(0x0A000001))),
                        MpReachNlri.of(AfiSafi.IPV6_UNICAST, IpAddresses.fromOctets(Octets.fromHex("20010db8000000000000000000000001").toByteArray()),
                                List.of(Nlri.of(IpPrefix.parse("2001:db8:1::/48")), Nlri.of(IpPrefix.parse("2001:db8::/32")))),
                        MpUnreachNlri.of(AfiSafi.IPV6_UNICAST, List.of(Nlri.of(IpPrefix.parse("2001:db8:2::/48")))),
                        new ExtendedCommunities(List.of(new ExtendedCommunities.ExtendedCommunity(0x0002FDE900000001L))),
                        new As4Path(List.of(AsPathSegment.sequence(4_200_000_000L))),
                        new As4Aggregator(4_200_000_000L, ROUTER),
                        new LargeCommunities(List.of(new LargeCommunities.LargeCommunity(4_200_000_000L, 1, 2))),
                        new UnknownAttribute(0xC0, 99, Octets.fromHex("abcdef"))), List.of(), fourOctetAs),
                List.of(Nlri.of(IpPrefix.parse("198.51.100.0/24")), Nlri.of(IpPrefix.parse("0.0.0.0/0"))));
    }

    @Test
    void updateWithEveryAttributeOnAFourOctetSession() throws BgpDecodeException {
        UpdateMessage update = updateWithEveryAttribute(true);

        assertThat(roundTrip(update, DecodeContext.FOUR_OCTET_AS)).isEqualTo(update);
    }

    @Test
    void updateWithEveryAttributeOnATwoOctetSession() throws BgpDecodeException {
        UpdateMessage update = updateWithEveryAttribute(false);

        assertThat(roundTrip(update, DecodeContext.INITIAL)).isEqualTo(update);
    }

    @Test
    void updateWithPathIdentifiers() throws BgpDecodeException {
        DecodeContext addPath = DecodeContext.FOUR_OCTET_AS.withAddPath(Set.of(AfiSafi.IPV4_UNICAST, AfiSafi.IPV6_UNICAST));
        UpdateMessage update = new UpdateMessage(List.of(Nlri.of(IpPrefix.parse("203.0.113.0/24"), 4)),
                PathAttributes.of(List.of(Origin.ORIGIN_IGP, AsPath.sequence(65001), new NextHop(ROUTER),
                        MpReachNlri.of(AfiSafi.IPV6_UNICAST, IpAddresses.fromOctets(new byte[16]),
                                List.of(Nlri.of(IpPrefix.parse("2001:db8::/32"), 4_000_000_000L))))),
                List.of(Nlri.of(IpPrefix.parse("198.51.100.0/24"), 1), Nlri.of(IpPrefix.parse("198.51.100.0/24"), 2)));

        assertThat(roundTrip(update, addPath)).isEqualTo(update);
    }

    @Test
    void endOfRibMarkers() throws BgpDecodeException {
        UpdateMessage ipv4 = new UpdateMessage(List.of(), PathAttributes.NONE, List.of());
        UpdateMessage ipv6 = new UpdateMessage(List.of(), PathAttributes.of(List.of(MpUnreachNlri.of(AfiSafi.IPV6_UNICAST, List.of()))),
                List.of());

        assertThat(((UpdateMessage) roundTrip(ipv4, DecodeContext.FOUR_OCTET_AS)).endOfRib()).contains(AfiSafi.IPV4_UNICAST);
        assertThat(((UpdateMessage) roundTrip(ipv6, DecodeContext.FOUR_OCTET_AS)).endOfRib()).contains(AfiSafi.IPV6_UNICAST);
        assertThat(updateWithEveryAttribute(true).endOfRib()).isEmpty();
    }

    @Test
    void openWithEveryCapability() throws BgpDecodeException {
        List<Capability> capabilities = List.of(new MultiprotocolCapability(AfiSafi.IPV4_UNICAST),
                new MultiprotocolCapability(AfiSafi.IPV6_UNICAST), new RouteRefreshCapability(), new ExtendedMessageCapability(),
                new GracefulRestartCapability(GracefulRestartCapability.RESTART_STATE, 120,
                        List.of(new GracefulRestartCapability.Family(AfiSafi.IPV4_UNICAST, GracefulRestartCapability.FORWARDING_STATE_PRESERVED))),
                new FourOctetAsCapability(4_200_000_000L),
                new AddPathCapability(List.of(new AddPathCapability.Family(AfiSafi.IPV4_UNICAST, AddPathCapability.SEND_RECEIVE))),
                new EnhancedRouteRefreshCapability(), new UnknownCapability(73, Octets.fromHex("0568656c6c6f")));
        OpenMessage open = OpenMessage.of(OpenMessage.AS_TRANS, 90, ROUTER, capabilities);

        OpenMessage decoded = (OpenMessage) roundTrip(open, DecodeContext.INITIAL);

        assertThat(decoded).isEqualTo(open);
        assertThat(decoded.asNumber()).isEqualTo(4_200_000_000L);
    }

    @Test
    void openWhoseParametersNeedTheExtendedLengthsOfRfc9072() throws BgpDecodeException {
        List<Capability> many = new ArrayList<>();
        for (int i = 0; i < 70; i++) {
            many.add(new MultiprotocolCapability(new AfiSafi(AfiSafi.AFI_IPV4, i + 1)));
        }
        OpenMessage open = OpenMessage.of(65001, 180, ROUTER, many);

        byte[] encoded = BgpMessageCodec.encode(open, DecodeContext.INITIAL);

        assertThat(encoded[28] & 0xFF).isEqualTo(255);
        assertThat(encoded[29] & 0xFF).isEqualTo(255);
        assertThat(BgpMessageCodec.decode(encoded, DecodeContext.INITIAL)).isEqualTo(open);
    }

    @Test
    void negotiationTakesCapabilitiesBothSidesSent() {
        OpenMessage ours = OpenMessage.of(65001, 90, ROUTER, List.of(new FourOctetAsCapability(65001), new ExtendedMessageCapability(),
                new AddPathCapability(List.of(new AddPathCapability.Family(AfiSafi.IPV4_UNICAST, AddPathCapability.RECEIVE),
                        new AddPathCapability.Family(AfiSafi.IPV6_UNICAST, AddPathCapability.SEND)))));
        OpenMessage theirs = OpenMessage.of(65002, 90, ROUTER, List.of(new FourOctetAsCapability(65002),
                new AddPathCapability(List.of(new AddPathCapability.Family(AfiSafi.IPV4_UNICAST, AddPathCapability.SEND_RECEIVE),
                        new AddPathCapability.Family(AfiSafi.IPV6_UNICAST, AddPathCapability.SEND_RECEIVE)))));

        DecodeContext negotiated = DecodeContext.negotiated(ours, theirs);

        assertThat(negotiated.fourOctetAs()).isTrue();
        assertThat(negotiated.extendedMessage()).isFalse();
        assertThat(negotiated.addPathReceive()).containsExactly(AfiSafi.IPV4_UNICAST);
    }

    @Test
    void otherMessages() throws BgpDecodeException {
        NotificationMessage shutdown = new NotificationMessage(NotificationMessage.CEASE, NotificationMessage.CeaseReason.ADMINISTRATIVE_SHUTDOWN,
                Octets.fromHex("0b6d61696e74656e616e6365"));

        assertThat(roundTrip(shutdown, DecodeContext.INITIAL)).isEqualTo(shutdown);
        assertThat(shutdown.shutdownCommunication()).contains("maintenance");
        assertThat(roundTrip(KeepaliveMessage.INSTANCE, DecodeContext.INITIAL)).isEqualTo(KeepaliveMessage.INSTANCE);
        RouteRefreshMessage refresh = RouteRefreshMessage.of(AfiSafi.IPV6_UNICAST);
        assertThat(roundTrip(refresh, DecodeContext.INITIAL)).isEqualTo(refresh);
    }
}
