package io.smoketrace.analyzer.rib;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smoketrace.common.trace.AddressFamily;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PrefixTrieTest {

    @ParameterizedTest
    @CsvSource({"IPV4, 16", "IPV6, 16", "IPV4, 8", "IPV6, 8"})
    void agreesWithALinearScanThroughInsertsAndRemovals(AddressFamily family, int rootBits) {
        Random random = new Random(family.ordinal() + rootBits);
        int width = IpAddress.width(family);
        PrefixTrie<String> trie = new PrefixTrie<>(width, rootBits);
        Map<IpPrefix, String> reference = new HashMap<>();
        List<IpPrefix> inserted = new ArrayList<>();
        for (int round = 0; round < 6_000; round++) {
            if (!inserted.isEmpty() && random.nextInt(3) == 0) {
                IpPrefix gone = inserted.remove(random.nextInt(inserted.size()));
                trie.remove(gone);
                reference.remove(gone);
            } else {
                IpPrefix prefix = randomPrefix(random, family, width);
                trie.put(prefix, prefix.toString());
                if (reference.put(prefix, prefix.toString()) == null) {
                    inserted.add(prefix);
                }
            }
            if (round % 500 == 0) {
                assertAgrees(trie, reference, random, family);
            }
        }
        assertAgrees(trie, reference, random, family);
        reference.keySet().forEach(trie::remove);
        assertThat(trie.size()).isZero();
        assertThat(trie.lookup(randomAddress(random, family))).isNull();
    }

    /** Clustered prefixes of every length (0 to full width), so nodes fill and short prefixes occur. */
    private static IpPrefix randomPrefix(Random random, AddressFamily family, int width) {
        int length = random.nextInt(10) == 0 ? random.nextInt(17) : 8 + random.nextInt(width - 7);
        long hi = random.nextLong() & 0xFF0F_FFFF_FFFF_FFFFL & (random.nextBoolean() ? 0xF0FF_00FF_FFFF_FFFFL : -1L);
        long lo = random.nextLong();
        return new IpPrefix(new IpAddress(family, family == AddressFamily.IPV4 ? hi & 0xFFFF_FFFF_0000_0000L : hi,
                family == AddressFamily.IPV4 ? 0 : lo), Math.min(length, width));
    }

    private static IpAddress randomAddress(Random random, AddressFamily family) {
        return family == AddressFamily.IPV4 ? IpAddress.ipv4(random.nextInt()) : IpAddress.ipv6(random.nextLong(), random.nextLong());
    }

    private static void assertAgrees(PrefixTrie<String> trie, Map<IpPrefix, String> reference, Random random, AddressFamily family) {
        assertThat(trie.size()).isEqualTo(reference.size());
        List<IpAddress> probes = new ArrayList<>();
        for (IpPrefix prefix : reference.keySet()) {
            probes.add(prefix.network());
            probes.add(prefix.last());
            assertThat(trie.get(prefix)).isEqualTo(prefix.toString());
        }
        for (int i = 0; i < 200; i++) {
            probes.add(randomAddress(random, family));
        }
        for (IpAddress address : probes) {
            assertThat(trie.lookup(address)).as("lookup %s", address).isEqualTo(longestMatch(reference, address));
        }
    }

    private static String longestMatch(Map<IpPrefix, String> reference, IpAddress address) {
        IpPrefix best = null;
        for (IpPrefix prefix : reference.keySet()) {
            if (prefix.contains(address) && (best == null || prefix.length() > best.length())) {
                best = prefix;
            }
        }
        return best == null ? null : reference.get(best);
    }

    @Test
    void findsTheDefaultRouteHostRoutesAndExactPrefixesOnly() {
        PrefixTrie<String> trie = new PrefixTrie<>(128);
        trie.put(IpPrefix.parse("::/0"), "default");
        trie.put(IpPrefix.parse("2001:db8::1/128"), "host");
        trie.put(IpPrefix.parse("2001:db8::/32"), "doc");
        assertThat(trie.lookup(IpAddress.parse("2001:db8::1"))).isEqualTo("host");
        assertThat(trie.lookup(IpAddress.parse("2001:db8::2"))).isEqualTo("doc");
        assertThat(trie.lookup(IpAddress.parse("2a00::1"))).isEqualTo("default");
        assertThat(trie.get(IpPrefix.parse("2001:db8::/48"))).isNull();
        trie.put(IpPrefix.parse("2001:db8::/32"), "doc again");
        assertThat(trie.size()).isEqualTo(3);
        assertThat(trie.lookup(IpAddress.parse("2001:db8::2"))).isEqualTo("doc again");
        trie.remove(IpPrefix.parse("2001:db8::/48"));
        assertThat(trie.size()).isEqualTo(3);
        assertThatThrownBy(() -> trie.put(IpPrefix.parse("192.0.2.0/24"), "v4")).hasMessageContaining("128-bit");
    }

    /**
     * One writer churns more-specifics under stable covering prefixes while readers look up
     * addresses under them: a reader must always get the covering prefix or one of its more-specifics,
     * never null, a foreign prefix or an exception from a torn read.
     */
    @Test
    void readersSeeAConsistentTableWhileOneWriterChangesIt() throws Exception {
        PrefixTrie<IpPrefix> trie = new PrefixTrie<>(32);
        List<IpPrefix> covering = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            IpPrefix prefix = new IpPrefix(IpAddress.ipv4((20 + i) << 24 | i << 16), 16);
            covering.add(prefix);
            trie.put(prefix, prefix);
        }
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> readers = new ArrayList<>();
        for (int r = 0; r < 3; r++) {
            int seed = r;
            readers.add(Thread.ofPlatform().start(() -> {
                Random random = new Random(seed);
                try {
                    while (!stop.get()) {
                        IpPrefix cover = covering.get(random.nextInt(covering.size()));
                        IpAddress address = IpAddress.ipv4((int) (cover.network().hi() >>> 32) | random.nextInt(1 << 16));
                        IpPrefix found = trie.lookup(address);
                        if (found == null || !cover.covers(found) || !found.contains(address)) {
                            throw new AssertionError(address + " matched " + found + " under " + cover);
                        }
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            }));
        }
        Random random = new Random(99);
        List<IpPrefix> churn = new ArrayList<>();
        long until = System.nanoTime() + 1_500_000_000L;
        while (System.nanoTime() < until && failure.get() == null) {
            if (churn.size() > 5_000 || !churn.isEmpty() && random.nextBoolean()) {
                trie.remove(churn.remove(random.nextInt(churn.size())));
            } else {
                IpPrefix cover = covering.get(random.nextInt(covering.size()));
                IpPrefix more = new IpPrefix(IpAddress.ipv4((int) (cover.network().hi() >>> 32) | random.nextInt(1 << 16)),
                        17 + random.nextInt(16));
                trie.put(more, more);
                churn.add(more);
            }
        }
        stop.set(true);
        for (Thread reader : readers) {
            reader.join();
        }
        assertThat(failure.get()).isNull();
    }
}
