package io.smoketrace.agent;

import io.smoketrace.agent.probe.Subprocess;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A line of network namespaces for tests and benchmarks: {@code agent -> r1 -> r2 -> r3 -> target},
 * joined by veth pairs, IPv4 and IPv6, with forwarding on in the routers, ICMP rate limiting off
 * everywhere (else probes show false loss) and routers answering from the interface a probe came in
 * on. Link {@code n} (1 agent-r1 ... 4 r3-target) is {@code 10.<net>.<n>.0/30} and
 * {@code fd00:<net>:<n>::/64}; the side nearer the agent has {@code .1}/{@code ::1}. The namespaces
 * are {@code <prefix>-agent}, {@code <prefix>-r1} ... {@code <prefix>-target}; a line with the same
 * prefix left behind by a crashed run is removed before a new one is built.
 */
public final class RouterLine implements AutoCloseable {

    private static final List<String> NODES = List.of("agent", "r1", "r2", "r3", "target");
    private static final List<String> TOOLS = List.of("ip", "nft", "mtr", "traceroute");

    private final String prefix;
    private final int net;

    private RouterLine(String prefix, int net) {
        this.prefix = prefix;
        this.net = net;
    }

    /** Why a line cannot be built here (not root, a tool missing), or null when it can. */
    public static String whyUnavailable() {
        try {
            Subprocess.Result id = Subprocess.run(List.of("id", "-u"), Duration.ofSeconds(5), 64);
            if (!"0".equals(id.stdout().strip())) {
                return "building network namespaces needs root (uid 0; this is uid " + id.stdout().strip() + ")";
            }
            for (String tool : TOOLS) {
                Subprocess.Result which = Subprocess.run(List.of("sh", "-c", "PATH=$PATH:/usr/sbin:/sbin command -v " + tool),
                        Duration.ofSeconds(5), 1024);
                if (which.exitStatus() != 0) {
                    return "'" + tool + "' is not installed (needs " + String.join(", ", TOOLS) + ")";
                }
            }
            return null;
        } catch (IOException e) {
            return "cannot run 'id -u': " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /**
     * Builds the line, after removing one with the same prefix left behind.
     *
     * @param prefix the namespaces' prefix, used by no other test
     * @param net the second octet of the IPv4 links and the second group of the IPv6 ones
     */
    public static RouterLine build(String prefix, int net) throws IOException, InterruptedException {
        RouterLine line = new RouterLine(prefix, net);
        line.close();
        try {
            line.create();
        } catch (IOException | InterruptedException | RuntimeException e) {
            line.close();
            throw e;
        }
        return line;
    }

    private void create() throws IOException, InterruptedException {
        for (String node : NODES) {
            sh("ip", "netns", "add", ns(node));
            sh("ip", "-n", ns(node), "link", "set", "lo", "up");
            List<String> sysctls = new ArrayList<>(List.of("net.ipv4.icmp_ratelimit=0", "net.ipv6.icmp.ratelimit=0",
                    // The global ICMP budget (1000/s, bursts of 50) would drop replies to busy traceroutes too.
                    "net.ipv4.icmp_msgs_per_sec=100000", "net.ipv4.icmp_msgs_burst=10000"));
            if (node.startsWith("r")) {
                sysctls.addAll(List.of("net.ipv4.ip_forward=1", "net.ipv6.conf.all.forwarding=1",
                        "net.ipv4.icmp_errors_use_inbound_ifaddr=1"));
            }
            List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", ns(node), "sysctl", "-qw"));
            argv.addAll(sysctls);
            sh(argv.toArray(String[]::new));
        }
        for (int link = 1; link < NODES.size(); link++) {
            String near = NODES.get(link - 1);
            String far = NODES.get(link);
            sh("ip", "-n", ns(near), "link", "add", device(near, far), "type", "veth", "peer", "name", device(far, near), "netns", ns(far));
            address(near, device(near, far), link, 1);
            address(far, device(far, near), link, 2);
        }
        // Towards the target: every node's default route points one step further; back: the routers know the links behind them.
        for (int i = 0; i < NODES.size() - 1; i++) {
            route(NODES.get(i), "default", i + 1, 2);
        }
        route("target", "default", 4, 1);
        route("r3", linkV4(1), 3, 1);
        route("r3", linkV6(1), 3, 1);
        route("r3", linkV4(2), 3, 1);
        route("r3", linkV6(2), 3, 1);
        route("r2", linkV4(1), 2, 1);
        route("r2", linkV6(1), 2, 1);
    }

    private void address(String node, String device, int link, int host) throws IOException, InterruptedException {
        sh("ip", "-n", ns(node), "addr", "add", v4(link, host) + "/30", "dev", device);
        sh("ip", "-n", ns(node), "-6", "addr", "add", v6(link, host) + "/64", "dev", device, "nodad");
        sh("ip", "-n", ns(node), "link", "set", device, "up");
    }

    private void route(String node, String to, int link, int host) throws IOException, InterruptedException {
        if (to.equals("default")) {
            sh("ip", "-n", ns(node), "route", "add", "default", "via", v4(link, host));
            sh("ip", "-n", ns(node), "-6", "route", "add", "default", "via", v6(link, host));
        } else {
            sh("ip", "-n", ns(node), to.contains(":") ? "-6" : "-4", "route", "add", to, "via", to.contains(":") ? v6(link, host) : v4(link, host));
        }
    }

    private String linkV4(int link) {
        return "10." + net + "." + link + ".0/30";
    }

    private String linkV6(int link) {
        return "fd00:" + net + ":" + link + "::/64";
    }

    /** The IPv4 address of end {@code host} (1 near the agent, 2 far) of link {@code link}. */
    public String v4(int link, int host) {
        return "10." + net + "." + link + "." + host;
    }

    /** The IPv6 address of end {@code host} of link {@code link}. */
    public String v6(int link, int host) {
        return "fd00:" + net + ":" + link + "::" + host;
    }

    /** The target's IPv4 address. */
    public String targetV4() {
        return v4(4, 2);
    }

    /** The target's IPv6 address. */
    public String targetV6() {
        return v6(4, 2);
    }

    /** Who answers at TTL 1, 2, 3 and 4 over IPv4: each router from its agent-side address, then the target. */
    public List<String> pathV4() {
        return List.of(v4(1, 2), v4(2, 2), v4(3, 2), targetV4());
    }

    /** The same over IPv6. */
    public List<String> pathV6() {
        return List.of(v6(1, 2), v6(2, 2), v6(3, 2), targetV6());
    }

    /** The namespace of a node: {@code agent}, {@code r1} ... {@code target}. */
    public String ns(String node) {
        return prefix + "-" + node;
    }

    /** The command prefix that runs a program in the agent's namespace. */
    public List<String> inAgent() {
        return List.of("ip", "netns", "exec", ns("agent"));
    }

    /**
     * Makes the target namespace answer for every address of a prefix (a local route on its loopback),
     * routed to it from r3.
     */
    public void addTargetPrefix(String cidr) throws IOException, InterruptedException {
        boolean v6 = cidr.contains(":");
        sh("ip", "-n", ns("target"), v6 ? "-6" : "-4", "route", "add", "local", cidr, "dev", "lo");
        sh("ip", "-n", ns("r3"), v6 ? "-6" : "-4", "route", "add", cidr, "via", v6 ? targetV6() : targetV4());
    }

    /** Drops this share of the packets r2 forwards to r3, at random (nftables {@code numgen random}). */
    public void dropOnR2ToR3(int percent) throws IOException, InterruptedException {
        String r2 = ns("r2");
        sh("ip", "netns", "exec", r2, "nft", "add", "table", "inet", "routerline");
        sh("ip", "netns", "exec", r2, "nft", "add", "chain", "inet", "routerline", "forward",
                "{ type filter hook forward priority 0 ; }");
        sh("ip", "netns", "exec", r2, "nft", "add", "rule", "inet", "routerline", "forward",
                "oifname", "\"" + device("r2", "r3") + "\"", "numgen", "random", "mod", "100", "<", String.valueOf(percent), "drop");
    }

    /** Removes the line's namespaces (those that exist). */
    @Override
    public void close() throws IOException, InterruptedException {
        Subprocess.Result list = sh("ip", "netns", "list");
        for (String line : list.stdout().split("\n")) {
            String name = line.split(" ")[0];
            if (NODES.stream().anyMatch(n -> ns(n).equals(name))) {
                sh("ip", "netns", "del", name);
            }
        }
    }

    private static String device(String node, String peer) {
        return node + "-" + peer;
    }

    private static Subprocess.Result sh(String... argv) throws IOException, InterruptedException {
        Subprocess.Result r = Subprocess.run(List.of(argv), Duration.ofSeconds(20), 1 << 16);
        if (r.timedOut() || r.exitStatus() != 0) {
            throw new IOException(String.join(" ", argv) + " failed (" + (r.timedOut() ? "timed out" : "status " + r.exitStatus())
                    + "): " + r.stderr().strip());
        }
        return r;
    }
}
