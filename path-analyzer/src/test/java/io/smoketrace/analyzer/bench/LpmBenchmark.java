package io.smoketrace.analyzer.bench;

import io.smoketrace.analyzer.rib.IpAddress;
import io.smoketrace.analyzer.rib.IpPrefix;
import io.smoketrace.analyzer.rib.Rib;
import io.smoketrace.analyzer.rib.RibConfig;
import io.smoketrace.analyzer.rib.RibMatch;
import io.smoketrace.common.trace.AddressFamily;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Longest-prefix-match lookups per second in a RIB of 1,000,000 IPv4 and 200,000 IPv6 prefixes
 * (one peer), on one thread, for addresses mostly inside announced prefixes.
 *
 * <p>Run (from the repository root):
 * <pre>
 * ./mvnw -pl path-analyzer -am test-compile -Dmaven.compiler.proc=full
 * ./mvnw -q -pl path-analyzer dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
 * java -Xmx6g -cp path-analyzer/target/test-classes:path-analyzer/target/classes:$(cat path-analyzer/target/bench.cp) \
 *     org.openjdk.jmh.Main 'LpmBenchmark|DetectionBenchmark'
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx6g")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class LpmBenchmark {

    private static final int BATCH = 1 << 16;

    private Rib rib;
    private IpAddress[] ipv4;
    private IpAddress[] ipv6;

    @Setup
    public void load() {
        SyntheticTable table = new SyntheticTable(42);
        List<IpPrefix> v4 = table.prefixes(AddressFamily.IPV4, 1_000_000);
        List<IpPrefix> v6 = table.prefixes(AddressFamily.IPV6, 200_000);
        rib = new Rib(RibConfig.defaults());
        table.routes(v4, 1, rib::upsert);
        table.routes(v6, 1, rib::upsert);
        ipv4 = table.addresses(v4, BATCH);
        ipv6 = table.addresses(v6, BATCH);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long ipv4Lookups() {
        return lookUpAll(ipv4);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long ipv6Lookups() {
        return lookUpAll(ipv6);
    }

    private long lookUpAll(IpAddress[] addresses) {
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
