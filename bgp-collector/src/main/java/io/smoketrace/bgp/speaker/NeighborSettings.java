package io.smoketrace.bgp.speaker;

import io.smoketrace.bgp.codec.IpAddresses;
import io.smoketrace.bgp.codec.bgp.AfiSafi;
import io.smoketrace.bgp.codec.bgp.OpenMessage;
import io.smoketrace.bgp.codec.bgp.capability.AddPathCapability;
import io.smoketrace.bgp.codec.bgp.capability.Capability;
import io.smoketrace.bgp.codec.bgp.capability.FourOctetAsCapability;
import io.smoketrace.bgp.codec.bgp.capability.MultiprotocolCapability;
import io.smoketrace.bgp.codec.bgp.capability.RouteRefreshCapability;
import io.smoketrace.bgp.config.CollectorConfig.PeerConfig;
import io.smoketrace.bgp.mapping.RouteMapping;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One configured neighbour, checked: who may connect, what we offer in our OPEN.
 *
 * @param families the address families we negotiate (MP-BGP)
 * @param delayOpenTime RFC 4271 DelayOpenTime in seconds: on a new connection, wait this long for the peer's
 *                      OPEN before sending ours; 0 switches DelayOpen off
 * @param dampPeerOscillations RFC 4271 DampPeerOscillations: after a session ends, stay Idle for an
 *                             exponentially growing IdleHoldTime before accepting or opening a new connection
 */
public record NeighborSettings(InetAddress address, int port, long remoteAs, long localAs, Inet4Address routerId,
                               int holdTime, Set<AfiSafi> families, boolean addPathReceive, boolean passive,
                               int delayOpenTime, boolean dampPeerOscillations) {

    public NeighborSettings {
        families = Set.copyOf(families);
        if (holdTime != 0 && holdTime < 3) {
            throw new IllegalArgumentException("hold time " + holdTime + " must be 0 or at least 3 seconds");
        }
        if (delayOpenTime < 0 || delayOpenTime > 240) {
            throw new IllegalArgumentException("delay-open-time " + delayOpenTime + " must be 0 (off) to 240 seconds");
        }
    }

    /** Without DelayOpen, with peer oscillation damping. */
    public NeighborSettings(InetAddress address, int port, long remoteAs, long localAs, Inet4Address routerId,
                            int holdTime, Set<AfiSafi> families, boolean addPathReceive, boolean passive) {
        this(address, port, remoteAs, localAs, routerId, holdTime, families, addPathReceive, passive, 0, true);
    }

    /** Checks one {@code smoketrace.bgp.peers[i]} entry, naming the key and the fix when it is wrong. */
    public static NeighborSettings of(int index, PeerConfig peer) {
        String key = "smoketrace.bgp.peers[" + index + "]";
        try {
            Set<AfiSafi> families = new LinkedHashSet<>();
            peer.families().forEach(name -> families.add(RouteMapping.parseFamily(name)));
            return new NeighborSettings(address(peer.address(), key + ".address"), peer.port(), peer.remoteAs(),
                    peer.localAs(), ipv4(peer.routerId(), key + ".router-id"), peer.holdTime(), families,
                    peer.addPathReceive(), peer.passive(), peer.delayOpenTime(), peer.dampPeerOscillations());
        } catch (IllegalArgumentException bad) {
            throw new IllegalArgumentException(key + ": " + bad.getMessage(), bad);
        }
    }

    private static InetAddress address(String text, String key) {
        if (!text.matches("[0-9a-fA-F:.]+")) {
            throw new IllegalArgumentException(key + " '" + text + "' is not an IP address (names are not accepted)");
        }
        try {
            return InetAddress.getByName(text);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(key + " '" + text + "' is not an IP address", e);
        }
    }

    private static Inet4Address ipv4(String text, String key) {
        if (address(text, key) instanceof Inet4Address v4 && !v4.isAnyLocalAddress()) {
            return v4;
        }
        throw new IllegalArgumentException(key + " '" + text + "' must be a non-zero IPv4 address, such as 192.0.2.1");
    }

    /** The OPEN we send: 4-octet AS, MP-BGP per family, route refresh, ADD-PATH receive if asked; no graceful restart. */
    public OpenMessage open() {
        List<Capability> capabilities = new ArrayList<>();
        families.stream().sorted(java.util.Comparator.comparingInt(AfiSafi::afi))
                .forEach(family -> capabilities.add(new MultiprotocolCapability(family)));
        capabilities.add(new RouteRefreshCapability());
        capabilities.add(new FourOctetAsCapability(localAs));
        if (addPathReceive) {
            capabilities.add(new AddPathCapability(families.stream().sorted(java.util.Comparator.comparingInt(AfiSafi::afi))
                    .map(family -> new AddPathCapability.Family(family, AddPathCapability.RECEIVE)).toList()));
        }
        int myAs = localAs > 0xFFFF ? OpenMessage.AS_TRANS : (int) localAs;
        return OpenMessage.of(myAs, holdTime, routerId, capabilities);
    }

    public String addressText() {
        return IpAddresses.format(address);
    }
}
