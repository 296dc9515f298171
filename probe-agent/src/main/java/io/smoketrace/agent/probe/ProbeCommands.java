package io.smoketrace.agent.probe;

import io.smoketrace.common.target.TargetSpec;
import io.smoketrace.common.trace.AddressFamily;
import io.smoketrace.common.trace.FlowIdentity;
import io.smoketrace.common.trace.ProbeProtocol;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds each tool's command line for one run of a target. Every tool runs with {@code -n} (or its
 * equivalent): no DNS look-up per hop. Paris-style runs hold the flow identity where the tool can:
 * a fixed UDP/TCP source and destination port, scamper's Paris methods; where a tool cannot (mtr and
 * traceroute over ICMP, mtr over TCP, tracepath) the trace says {@code constant: false}.
 */
public final class ProbeCommands {

    /** The destination port of UDP probes when the target names none (the classic traceroute base port). */
    public static final int DEFAULT_UDP_PORT = 33434;

    private ProbeCommands() {
    }

    /**
     * The command for one run.
     *
     * @param program the tool's executable
     * @param spec the target
     * @param address the resolved address to probe
     * @param sourcePort the leased source port for Paris-style UDP/TCP runs, or null
     */
    public static ProbeCommand build(String program, TargetSpec spec, String address, Integer sourcePort) {
        return switch (spec.tool()) {
            case MTR -> mtr(program, spec, address, sourcePort);
            case TRACEROUTE -> traceroute(program, spec, address, sourcePort);
            case SCAMPER -> scamper(program, spec, address, sourcePort);
            case TCPTRACEROUTE -> tcptraceroute(program, spec, address, sourcePort);
            case TRACEPATH -> tracepath(program, spec, address);
        };
    }

    /** Whether a run of this target needs a leased source port. */
    public static boolean needsSourcePort(TargetSpec spec) {
        if (!spec.paris()) {
            return false;
        }
        return switch (spec.tool()) {
            case MTR -> spec.protocol() == ProbeProtocol.UDP;
            case TRACEROUTE, SCAMPER -> spec.protocol() != ProbeProtocol.ICMP;
            case TCPTRACEROUTE -> true;
            case TRACEPATH -> false;
        };
    }

    private static ProbeCommand mtr(String program, TargetSpec spec, String address, Integer sourcePort) {
        List<String> argv = new ArrayList<>(List.of(program, "--json", "-n",
                "-c", String.valueOf(spec.probesPerHop()), "-m", String.valueOf(spec.maxTtl())));
        argv.add(familyFlag(address));
        FlowIdentity flow;
        switch (spec.protocol()) {
            case ICMP -> flow = unheld();
            case UDP -> {
                int port = udpPort(spec);
                argv.addAll(List.of("--udp", "-P", String.valueOf(port)));
                if (sourcePort != null) {
                    argv.addAll(List.of("-L", String.valueOf(sourcePort)));
                    flow = new FlowIdentity(true, sourcePort, port, null, null);
                } else {
                    flow = new FlowIdentity(false, null, port, null, null);
                }
            }
            // mtr carries its probe sequence in the TCP source port: the flow cannot be held.
            default -> {
                argv.addAll(List.of("--tcp", "-P", String.valueOf(spec.port())));
                flow = new FlowIdentity(false, null, spec.port(), null, null);
            }
        }
        argv.add(address);
        return new ProbeCommand(argv, "mtr-json", flow);
    }

    private static ProbeCommand traceroute(String program, TargetSpec spec, String address, Integer sourcePort) {
        List<String> argv = new ArrayList<>(List.of(program, familyFlag(address), "-n", "-e",
                "-q", String.valueOf(spec.probesPerHop()), "-m", String.valueOf(spec.maxTtl())));
        FlowIdentity flow;
        switch (spec.protocol()) {
            // traceroute's ICMP probes step the sequence number, so the checksum (part of some ECMP hashes) changes.
            case ICMP -> {
                argv.add("-I");
                flow = unheld();
            }
            case UDP -> {
                if (sourcePort != null) {
                    int port = udpPort(spec);
                    argv.addAll(List.of("-U", "-p", String.valueOf(port), "--sport=" + sourcePort));
                    flow = new FlowIdentity(true, sourcePort, port, null, null);
                } else {
                    if (spec.port() != null) {
                        argv.addAll(List.of("-p", String.valueOf(spec.port())));
                    }
                    flow = unheld();
                }
            }
            default -> {
                argv.addAll(List.of("-T", "-p", String.valueOf(spec.port())));
                if (sourcePort != null) {
                    argv.add("--sport=" + sourcePort);
                    flow = new FlowIdentity(true, sourcePort, spec.port(), null, null);
                } else {
                    flow = new FlowIdentity(false, null, spec.port(), null, null);
                }
            }
        }
        argv.add(address);
        return new ProbeCommand(argv, "traceroute", flow);
    }

    private static ProbeCommand scamper(String program, TargetSpec spec, String address, Integer sourcePort) {
        StringBuilder trace = new StringBuilder("trace -P ");
        FlowIdentity flow;
        switch (spec.protocol()) {
            case ICMP -> {
                trace.append(spec.paris() ? "icmp-paris" : "icmp");
                flow = new FlowIdentity(spec.paris(), null, null, null, null);
            }
            case UDP -> {
                trace.append(spec.paris() ? "udp-paris" : "udp");
                if (spec.port() != null || spec.paris()) {
                    trace.append(" -d ").append(udpPort(spec));
                }
                flow = new FlowIdentity(spec.paris(), sourcePort, spec.paris() ? udpPort(spec) : null, null, null);
            }
            // scamper's TCP probes keep one source and destination port for the whole run.
            default -> {
                trace.append("tcp -d ").append(spec.port());
                flow = new FlowIdentity(true, sourcePort, spec.port(), null, null);
            }
        }
        if (sourcePort != null) {
            trace.append(" -s ").append(sourcePort);
        }
        trace.append(" -q ").append(spec.probesPerHop()).append(" -m ").append(spec.maxTtl());
        return new ProbeCommand(List.of(program, "-O", "json", "-c", trace.toString(), "-i", address), "scamper-json", flow);
    }

    private static ProbeCommand tcptraceroute(String program, TargetSpec spec, String address, Integer sourcePort) {
        List<String> argv = new ArrayList<>(List.of(program, "-n",
                "-q", String.valueOf(spec.probesPerHop()), "-m", String.valueOf(spec.maxTtl())));
        if (sourcePort != null) {
            argv.addAll(List.of("-p", String.valueOf(sourcePort)));
        }
        argv.addAll(List.of(address, String.valueOf(spec.port())));
        // tcptraceroute keeps one source port for the whole run even when it picks it itself.
        return new ProbeCommand(argv, "traceroute", new FlowIdentity(true, sourcePort, spec.port(), null, null));
    }

    private static ProbeCommand tracepath(String program, TargetSpec spec, String address) {
        List<String> argv = new ArrayList<>(List.of(program, familyFlag(address), "-n", "-m", String.valueOf(spec.maxTtl())));
        if (spec.port() != null) {
            argv.addAll(List.of("-p", String.valueOf(spec.port())));
        }
        argv.add(address);
        // tracepath steps the destination port with every probe.
        return new ProbeCommand(argv, "tracepath", unheld());
    }

    private static int udpPort(TargetSpec spec) {
        return spec.port() != null ? spec.port() : DEFAULT_UDP_PORT;
    }

    private static String familyFlag(String address) {
        return AddressFamily.of(address) == AddressFamily.IPV6 ? "-6" : "-4";
    }

    private static FlowIdentity unheld() {
        return new FlowIdentity(false, null, null, null, null);
    }
}
