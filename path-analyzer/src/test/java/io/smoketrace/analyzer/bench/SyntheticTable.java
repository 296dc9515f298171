package io.smoketrace.analyzer.bench;

import io.smoketrace.analyzer.rib.IpAddress;
import io.smoketrace.analyzer.rib.IpPrefix;
import io.smoketrace.common.bgp.AsPathSegment;
import io.smoketrace.common.bgp.PeerRef;
import io.smoketrace.common.bgp.RibRoute;
import io.smoketrace.common.bgp.RouteAttributes;
import io.smoketrace.common.bgp.RouteSource;
import io.smoketrace.common.trace.AddressFamily;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A full-table-shaped synthetic RIB: prefix lengths distributed like today's DFZ (IPv4 mostly /24,
 * IPv6 mostly /48 and /32), clustered in allocation blocks, originated by ~75,000 ASes behind a few
 * transit paths per peer, so sharing and trie fill resemble a real table.
 */
final class SyntheticTable {

    private static final int[] V4_LENGTHS = {24, 24, 24, 24, 24, 24, 24, 24, 24, 24, 24, 24, 23, 23, 22, 22, 22, 21, 20, 19};
    private static final int[] V6_LENGTHS = {48, 48, 48, 48, 48, 48, 48, 48, 48, 32, 32, 32, 44, 44, 40, 36, 29, 46, 47, 56};
    private static final int ORIGINS = 75_000;

    private final Random random;
    private final long[] v4Blocks;
    private final long[] v6Blocks;

    SyntheticTable(long seed) {
        random = new Random(seed);
        v4Blocks = new long[40_000];
        for (int i = 0; i < v4Blocks.length; i++) {
            v4Blocks[i] = (1 + random.nextInt(222)) << 8 | random.nextInt(256); // a /16 in 1.0.0.0-223.255.255.255
        }
        v6Blocks = new long[12_000];
        for (int i = 0; i < v6Blocks.length; i++) {
            v6Blocks[i] = 0x2000_000L | random.nextInt(1 << 25); // a /28 in 2000::/3 (top 28 bits)
        }
    }

    /** Distinct random prefixes of the family, {@code count} of them. */
    List<IpPrefix> prefixes(AddressFamily family, int count) {
        Set<IpPrefix> prefixes = new HashSet<>(count * 2);
        while (prefixes.size() < count) {
            prefixes.add(family == AddressFamily.IPV4 ? v4() : v6());
        }
        return List.copyOf(prefixes);
    }

    private IpPrefix v4() {
        int length = random.nextInt(200) == 0 ? 8 + random.nextInt(8) : V4_LENGTHS[random.nextInt(V4_LENGTHS.length)];
        int block = (int) v4Blocks[random.nextInt(v4Blocks.length)];
        return new IpPrefix(IpAddress.ipv4(block << 16 | random.nextInt(1 << 16)), length);
    }

    private IpPrefix v6() {
        int length = V6_LENGTHS[random.nextInt(V6_LENGTHS.length)];
        long hi = v6Blocks[random.nextInt(v6Blocks.length)] << 36 | (random.nextLong() & ((1L << 36) - 1));
        return new IpPrefix(IpAddress.ipv6(hi, 0), length);
    }

    /** One route per prefix per peer, each prefix's origin fixed, each peer reaching an origin over its own transit. */
    void routes(List<IpPrefix> prefixes, int peers, Consumer<RibRoute> sink) {
        Instant now = Instant.parse("2026-03-01T00:00:00Z");
        for (int p = 0; p < peers; p++) {
            long peerAs = 64500 + p;
            PeerRef peer = new PeerRef("bgp:192.0.2." + (p + 1), "192.0.2." + (p + 1), peerAs, null, null, null, PeerRef.RibView.ADJ_RIB_IN);
            for (int i = 0; i < prefixes.size(); i++) {
                IpPrefix prefix = prefixes.get(i);
                // Prefixes of one allocation block mostly share an origin, as real holders' do.
                long block = prefix.family() == AddressFamily.IPV4 ? prefix.network().hi() >>> 48 : prefix.network().hi() >>> 36;
                long origin = 131072 + Math.floorMod(block * 0x9E3779B97F4A7C15L + i % 3, ORIGINS);
                long transit = 3000 + origin % (40 + p);
                List<Long> path = origin % 3 == 0 ? List.of(peerAs, transit, origin) : List.of(peerAs, transit, transit + 1, origin);
                RouteAttributes attributes = new RouteAttributes(RouteAttributes.Origin.IGP, List.of(AsPathSegment.sequence(path)),
                        origin, peer.address(), null, null, false, null, null, null, null);
                sink.accept(new RibRoute(RibRoute.FORMAT_VERSION, RouteSource.BGP, "bench", peer, prefix.toString(), 0,
                        attributes, now, now));
            }
        }
    }

    /** Addresses to look up: nine in ten inside a random prefix of the table, the rest anywhere. */
    IpAddress[] addresses(List<IpPrefix> prefixes, int count) {
        IpAddress[] addresses = new IpAddress[count];
        for (int i = 0; i < count; i++) {
            IpPrefix prefix = prefixes.get(random.nextInt(prefixes.size()));
            long hostHi = random.nextLong();
            long hostLo = random.nextLong();
            boolean v4 = prefix.family() == AddressFamily.IPV4;
            if (random.nextInt(10) == 0) {
                addresses[i] = v4 ? IpAddress.ipv4((int) hostHi) : IpAddress.ipv6(hostHi, hostLo);
            } else {
                // Every prefix here is at most /56, so the host bits start in the upper half.
                long hostBits = prefix.length() == 0 ? -1L : -1L >>> prefix.length();
                IpAddress address = new IpAddress(prefix.family(), prefix.network().hi() | hostHi & hostBits, v4 ? 0 : hostLo);
                addresses[i] = address.masked(prefix.network().width());
            }
        }
        return addresses;
    }
}
