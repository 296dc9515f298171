package io.smoketrace.analyzer.model;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The path versions an (agent, target) pair has shown and confirmed, most recently seen first: a
 * trace that fits one of them is a known alternate, not a new path. Versions unseen for longer than
 * the retention are forgotten, and at most a fixed number are kept.
 */
public final class KnownPaths {

    private final List<PathVersion> versions;
    private final int maxVersions;
    private final Duration retention;

    /** Starts from versions restored from state (any order), keeping at most {@code maxVersions} for {@code retention}. */
    public KnownPaths(List<PathVersion> versions, int maxVersions, Duration retention) {
        this.versions = new ArrayList<>(versions);
        this.versions.sort((a, b) -> b.lastSeen().compareTo(a.lastSeen()));
        this.maxVersions = maxVersions;
        this.retention = retention;
    }

    /**
     * The known version the trace fits, already extended with what the trace adds, or null. The
     * version named {@code preferredId} (the current path) is tried first, so a trace that fits both
     * the current path and an alternate stays on the current one.
     */
    public PathVersion find(ObservedPath path, String preferredId, int ecmpDiamondHops, int maxRespondersPerHop) {
        PathVersion preferred = byId(preferredId);
        if (preferred != null) {
            PathVersion absorbed = preferred.absorb(path, ecmpDiamondHops, maxRespondersPerHop);
            if (absorbed != null) {
                return absorbed;
            }
        }
        for (PathVersion version : versions) {
            if (version != preferred) {
                PathVersion absorbed = version.absorb(path, ecmpDiamondHops, maxRespondersPerHop);
                if (absorbed != null) {
                    return absorbed;
                }
            }
        }
        return null;
    }

    /** Records a version (new, or an update of a known one by id) as the most recently seen, and forgets stale ones. */
    public void remember(PathVersion version, Instant now) {
        versions.removeIf(known -> known.id().equals(version.id()));
        versions.addFirst(version);
        versions.removeIf(known -> known.lastSeen().plus(retention).isBefore(now));
        while (versions.size() > maxVersions) {
            versions.removeLast();
        }
    }

    /** The version with this id, or null. */
    public PathVersion byId(String id) {
        if (id == null) {
            return null;
        }
        for (PathVersion version : versions) {
            if (version.id().equals(id)) {
                return version;
            }
        }
        return null;
    }

    /** The known versions, most recently seen first. */
    public List<PathVersion> versions() {
        return List.copyOf(versions);
    }
}
