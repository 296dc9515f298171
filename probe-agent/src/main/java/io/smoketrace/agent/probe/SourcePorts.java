package io.smoketrace.agent.probe;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * The source ports for Paris-style runs. Each target prefers one port derived from its id, so its
 * flow (and so its path through ECMP) stays the same from run to run; when another run holds that
 * port, the next free one is leased, since two sockets cannot bind one port at once.
 */
public final class SourcePorts {

    private final int low;
    private final int high;
    private final Set<Integer> leased = new HashSet<>();

    public SourcePorts(int low, int high) {
        if (low < 1024 || high > 65535 || low > high) {
            throw new IllegalArgumentException("'" + low + "-" + high + "' is not a port range within 1024-65535");
        }
        this.low = low;
        this.high = high;
    }

    /** Parses {@code low-high}. */
    public static SourcePorts parse(String range) {
        String[] parts = range.strip().split("-");
        try {
            if (parts.length != 2) {
                throw new NumberFormatException();
            }
            return new SourcePorts(Integer.parseInt(parts[0].strip()), Integer.parseInt(parts[1].strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + range + "' is not a port range low-high", e);
        }
    }

    /** The port a target uses when it is free. */
    public int preferred(String targetId) {
        CRC32 crc = new CRC32();
        crc.update(targetId.getBytes(StandardCharsets.UTF_8));
        return low + (int) (crc.getValue() % (high - low + 1));
    }

    /** Leases the target's port, or the next free one; -1 when every port is leased. */
    public synchronized int lease(String targetId) {
        int size = high - low + 1;
        int first = preferred(targetId);
        for (int i = 0; i < size; i++) {
            int port = low + (first - low + i) % size;
            if (leased.add(port)) {
                return port;
            }
        }
        return -1;
    }

    public synchronized void release(int port) {
        leased.remove(port);
    }
}
