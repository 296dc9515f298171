package io.smoketrace.agent.config;

import io.smoketrace.agent.probe.DenyList;
import io.smoketrace.agent.probe.SourcePorts;
import io.smoketrace.common.agent.Coordinates;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The agent's configuration after checking: every problem found at start-up is reported at once,
 * each with the key (and its environment variable) and what to change.
 *
 * @param agentId this agent's id
 * @param site the site name
 * @param tags the agent's tags
 * @param coordinates where the agent is, or null
 * @param targetsFile the local targets file, or null
 * @param dataDir where the spool and the targets cache live
 * @param maxConcurrentRuns probe runs under way at once
 * @param heartbeatInterval time between heartbeats
 * @param denyList prefixes never probed
 * @param sourcePorts the source-port range for Paris-style runs
 * @param commandPrefix words put before every probe command (a VRF or namespace), or none
 * @param spoolMaxBytes the spool's size bound
 * @param spoolSegmentBytes the size of one spool segment
 * @param deliveryTimeout how long one batch may take to be acknowledged
 * @param batchSize traces per batch
 */
public record AgentSettings(
        String agentId,
        String site,
        List<String> tags,
        Coordinates coordinates,
        Path targetsFile,
        Path dataDir,
        int maxConcurrentRuns,
        Duration heartbeatInterval,
        DenyList denyList,
        SourcePorts sourcePorts,
        List<String> commandPrefix,
        long spoolMaxBytes,
        long spoolSegmentBytes,
        Duration deliveryTimeout,
        int batchSize) {

    /** Ids as the topic contracts allow them (they become Kafka keys and {@code agentId/targetId}). */
    public static final Pattern ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$");

    /** Checks the configuration; the host name stands in for an unset agent id. */
    public static AgentSettings from(AgentConfig config) {
        List<String> problems = new ArrayList<>();
        String id = config.id().map(String::strip).orElseGet(AgentSettings::hostName);
        if (!ID.matcher(id).matches()) {
            problems.add(problem("smoketrace.agent.id", "SMOKETRACE_AGENT_ID", "'" + id + "' is not a valid agent id",
                    "use letters, digits and . _ : - (starting with a letter or digit, at most 128), for example fra1"));
        }
        String site = config.site().map(String::strip).filter(s -> !s.isEmpty()).orElse(id);
        List<String> tags = new ArrayList<>();
        for (String tag : config.tags().orElse(List.of())) {
            String t = tag.strip();
            if (t.isEmpty()) {
                continue;
            }
            if (!ID.matcher(t).matches()) {
                problems.add(problem("smoketrace.agent.tags", "SMOKETRACE_AGENT_TAGS", "tag '" + t + "' is not valid",
                        "use a comma-separated list of letters, digits and . _ : -"));
            }
            tags.add(t);
        }
        Coordinates coordinates = coordinates(config, problems);
        Path targetsFile = config.targetsFile().orElse(null);
        if (targetsFile != null && !Files.isReadable(targetsFile)) {
            problems.add(problem("smoketrace.agent.targets-file", "SMOKETRACE_AGENT_TARGETS_FILE",
                    "cannot read " + targetsFile.toAbsolutePath(), "point it at a readable JSON or YAML list of targets, or unset it"));
        }
        Path dataDir = config.dataDir();
        try {
            Files.createDirectories(dataDir);
            if (!Files.isWritable(dataDir)) {
                throw new IllegalStateException("not writable");
            }
        } catch (Exception e) {
            problems.add(problem("smoketrace.agent.data-dir", "SMOKETRACE_DATA_DIR",
                    "cannot use " + dataDir.toAbsolutePath() + " (" + e.getMessage() + ")",
                    "point it at a directory the agent can create and write"));
        }
        if (config.maxConcurrentRuns() < 1 || config.maxConcurrentRuns() > 1024) {
            problems.add(problem("smoketrace.agent.max-concurrent-runs", "SMOKETRACE_AGENT_MAX_CONCURRENT_RUNS",
                    "is " + config.maxConcurrentRuns(), "use a number from 1 to 1024"));
        }
        if (config.heartbeatInterval().compareTo(Duration.ofSeconds(1)) < 0) {
            problems.add(problem("smoketrace.agent.heartbeat-interval", "SMOKETRACE_AGENT_HEARTBEAT_INTERVAL",
                    "is " + config.heartbeatInterval(), "use at least 1s, for example 30s"));
        }
        DenyList deny = DenyList.EMPTY;
        try {
            deny = DenyList.of(config.deny().orElse(List.of()));
        } catch (IllegalArgumentException e) {
            problems.add(problem("smoketrace.agent.deny", "SMOKETRACE_AGENT_DENY", e.getMessage(),
                    "use a comma-separated list of prefixes such as 224.0.0.0/4,ff00::/8"));
        }
        SourcePorts ports = null;
        try {
            ports = SourcePorts.parse(config.sourcePorts());
        } catch (IllegalArgumentException e) {
            problems.add(problem("smoketrace.agent.source-ports", "SMOKETRACE_AGENT_SOURCE_PORTS", e.getMessage(),
                    "use low-high within 1024-65535, for example 31000-31999"));
        }
        List<String> prefix = config.commandPrefix().map(String::strip).filter(p -> !p.isEmpty())
                .map(p -> List.of(p.split("\\s+"))).orElse(List.of());
        if (!prefix.isEmpty() && !Path.of(prefix.getFirst()).isAbsolute() && !onPath(prefix.getFirst())) {
            problems.add(problem("smoketrace.agent.command-prefix", "SMOKETRACE_AGENT_COMMAND_PREFIX",
                    "'" + prefix.getFirst() + "' is not a program on the PATH", "use for example 'ip vrf exec mgmt', or unset it"));
        }
        if (config.spool().segmentBytes() < 4096 || config.spool().maxBytes() < 2 * config.spool().segmentBytes()) {
            problems.add(problem("smoketrace.agent.spool.max-bytes", "SMOKETRACE_AGENT_SPOOL_MAX_BYTES",
                    "max-bytes " + config.spool().maxBytes() + " with segment-bytes " + config.spool().segmentBytes(),
                    "use segment-bytes of at least 4096 and max-bytes of at least two segments"));
        }
        if (config.publish().batchSize() < 1) {
            problems.add(problem("smoketrace.agent.publish.batch-size", "SMOKETRACE_AGENT_PUBLISH_BATCH_SIZE",
                    "is " + config.publish().batchSize(), "use at least 1"));
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the probe agent's configuration is wrong:\n  - " + String.join("\n  - ", problems));
        }
        return new AgentSettings(id, site, List.copyOf(tags), coordinates, targetsFile, dataDir, config.maxConcurrentRuns(),
                config.heartbeatInterval(), deny, ports, prefix, config.spool().maxBytes(), config.spool().segmentBytes(),
                config.publish().deliveryTimeout(), config.publish().batchSize());
    }

    private static Coordinates coordinates(AgentConfig config, List<String> problems) {
        Optional<Double> lat = config.latitude();
        Optional<Double> lon = config.longitude();
        if (lat.isEmpty() && lon.isEmpty()) {
            return null;
        }
        if (lat.isEmpty() || lon.isEmpty()) {
            problems.add(problem("smoketrace.agent.latitude", "SMOKETRACE_AGENT_LATITUDE / SMOKETRACE_AGENT_LONGITUDE",
                    "only one of latitude and longitude is set", "set both, or neither"));
            return null;
        }
        if (Math.abs(lat.get()) > 90 || Math.abs(lon.get()) > 180) {
            problems.add(problem("smoketrace.agent.latitude", "SMOKETRACE_AGENT_LATITUDE / SMOKETRACE_AGENT_LONGITUDE",
                    "(" + lat.get() + ", " + lon.get() + ") is not on Earth", "use degrees: latitude -90..90, longitude -180..180"));
            return null;
        }
        return new Coordinates(lat.get(), lon.get());
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        for (String dir : (path == null ? "/usr/sbin:/usr/bin:/sbin:/bin" : path + ":/usr/sbin:/sbin").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    private static String problem(String key, String env, String what, String fix) {
        return key + " (" + env + "): " + what + "; " + fix;
    }

    /** The machine's host name as an agent id: lower case, other characters replaced by '-'. */
    static String hostName() {
        String name;
        try {
            name = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            name = Optional.ofNullable(System.getenv("HOSTNAME")).orElse("agent");
        }
        int dot = name.indexOf('.');
        String shortName = (dot > 0 ? name.substring(0, dot) : name).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._:-]", "-");
        return shortName.isEmpty() || !Character.isLetterOrDigit(shortName.charAt(0)) ? "agent-" + shortName : shortName;
    }
}
