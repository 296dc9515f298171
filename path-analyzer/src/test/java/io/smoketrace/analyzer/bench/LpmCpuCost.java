package io.smoketrace.analyzer.bench;

import io.smoketrace.analyzer.rib.IpAddress;
import io.smoketrace.analyzer.rib.IpPrefix;
import io.smoketrace.analyzer.rib.Rib;
import io.smoketrace.analyzer.rib.RibConfig;
import io.smoketrace.analyzer.rib.RibMatch;
import io.smoketrace.common.trace.AddressFamily;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;

/**
 * The {@link LpmBenchmark} workload (1,000,000 IPv4 and 200,000 IPv6 prefixes, one peer) timed by the
 * thread's own CPU time instead of the wall clock, so that a busy shared machine gives a usable number:
 * lookups per CPU-second on one core (cache contention from other processes still lowers it). Run it
 * with the benchmark classpath (see {@link LpmBenchmark}): {@code java -Xmx6g -cp ... io.smoketrace.analyzer.bench.LpmCpuCost}.
 */
public final class LpmCpuCost {

    private static final int BATCH = 1 << 16;
    private static final int ROUNDS = 300;

    private LpmCpuCost() {
    }

    public static void main(String[] args) {
        SyntheticTable table = new SyntheticTable(42);
        List<IpPrefix> v4 = table.prefixes(AddressFamily.IPV4, 1_000_000);
        List<IpPrefix> v6 = table.prefixes(AddressFamily.IPV6, 200_000);
        Rib rib = new Rib(RibConfig.defaults());
        table.routes(v4, 1, rib::upsert);
        table.routes(v6, 1, rib::upsert);
        IpAddress[] ipv4 = table.addresses(v4, BATCH);
        IpAddress[] ipv6 = table.addresses(v6, BATCH);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sink = 0;
        for (int pass = 0; pass < 3; pass++) {
            for (String family : List.of("IPv4", "IPv6")) {
                IpAddress[] addresses = family.equals("IPv4") ? ipv4 : ipv6;
                long cpu = threads.getCurrentThreadCpuTime();
                long wall = System.nanoTime();
                for (int round = 0; round < ROUNDS; round++) {
                    sink += lookUpAll(rib, addresses);
                }
                double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpu) / 1e9;
                double wallSeconds = (System.nanoTime() - wall) / 1e9;
                long lookups = (long) ROUNDS * BATCH;
                System.out.printf("pass %d %s: %,.0f lookups per CPU-second (%.1f ns CPU each); wall clock %,.0f/s%n", pass, family,
                        lookups / cpuSeconds, cpuSeconds * 1e9 / lookups, lookups / wallSeconds);
            }
        }
        System.out.println("(checksum " + sink + ")");
    }

    private static long lookUpAll(Rib rib, IpAddress[] addresses) {
        long sum = 0;
        for (IpAddress address : addresses) {
            RibMatch match = rib.lookup(address);
            if (match != null) {
                sum += match.prefixLength();
            }
        }
        return sum;
    }
}
