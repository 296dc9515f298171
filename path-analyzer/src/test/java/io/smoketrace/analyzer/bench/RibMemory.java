package io.smoketrace.analyzer.bench;

import io.smoketrace.analyzer.rib.IpPrefix;
import io.smoketrace.analyzer.rib.PrefixTrie;
import io.smoketrace.analyzer.rib.Rib;
import io.smoketrace.analyzer.rib.RibConfig;
import io.smoketrace.common.trace.AddressFamily;
import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * Heap per prefix: builds the trie alone and then a full RIB (1,000,000 IPv4 and 200,000 IPv6 prefixes,
 * one and then two peers) and prints the retained heap divided by the prefix count. Not a JMH
 * benchmark, since it measures space; run it with the benchmark classpath (see {@link LpmBenchmark}):
 * {@code java -Xmx6g -cp ... io.smoketrace.analyzer.bench.RibMemory}.
 */
public final class RibMemory {

    private RibMemory() {
    }

    public static void main(String[] args) {
        SyntheticTable table = new SyntheticTable(42);
        List<IpPrefix> v4 = table.prefixes(AddressFamily.IPV4, 1_000_000);
        List<IpPrefix> v6 = table.prefixes(AddressFamily.IPV6, 200_000);
        int prefixes = v4.size() + v6.size();

        long before = retainedHeap();
        PrefixTrie<Object> trie4 = new PrefixTrie<>(32);
        PrefixTrie<Object> trie6 = new PrefixTrie<>(128);
        Object value = new Object();
        v4.forEach(p -> trie4.put(p, value));
        v6.forEach(p -> trie6.put(p, value));
        report("trie alone (one shared value)", retainedHeap() - before, prefixes, trie4.size() + trie6.size());

        for (int peers = 1; peers <= 2; peers++) {
            before = retainedHeap();
            Rib rib = new Rib(RibConfig.defaults());
            table.routes(v4, peers, rib::upsert);
            table.routes(v6, peers, rib::upsert);
            long used = retainedHeap() - before;
            report("full RIB, " + peers + " peer(s), " + rib.stats(), used, prefixes,
                    rib.stats().ipv4Prefixes() + rib.stats().ipv6Prefixes());
        }
    }

    private static void report(String what, long bytes, int prefixes, int held) {
        if (held != prefixes) {
            throw new IllegalStateException("expected " + prefixes + " prefixes, table holds " + held);
        }
        System.out.printf("%-120s %,12d bytes  %6.1f bytes/prefix%n", what, bytes, (double) bytes / prefixes);
    }

    private static long retainedHeap() {
        for (int i = 0; i < 4; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
