package io.smoketrace.bgp.codec.bgp;

import java.util.OptionalLong;

/**
 * One reachability entry: a prefix and, when ADD-PATH (RFC 7911) is in use, its path identifier.
 */
public record Nlri(IpPrefix prefix, OptionalLong pathId) {

    public static Nlri of(IpPrefix prefix) {
        return new Nlri(prefix, OptionalLong.empty());
    }

    public static Nlri of(IpPrefix prefix, long pathId) {
        return new Nlri(prefix, OptionalLong.of(pathId));
    }

    @Override
    public String toString() {
        return pathId.isPresent() ? prefix + " path-id " + pathId.getAsLong() : prefix.toString();
    }
}
