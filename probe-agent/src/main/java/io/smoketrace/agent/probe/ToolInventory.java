package io.smoketrace.agent.probe;

import io.smoketrace.common.agent.ToolCapability;
import io.smoketrace.common.target.ProbeTool;
import io.smoketrace.common.trace.ProbeProtocol;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/** The probe tools found installed at start-up, with their versions: the agent's capabilities. */
public final class ToolInventory {

    private static final Logger LOG = Logger.getLogger(ToolInventory.class);
    private static final List<String> SYSTEM_DIRS = List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin");
    private static final Pattern VERSION = Pattern.compile("(?:version\\s+|\\s|^)(\\d+(?:[.\\w-]*\\w)?)");
    private static final Duration VERSION_TIMEOUT = Duration.ofSeconds(5);

    private final Map<ProbeTool, ToolCapability> found;
    private final Map<ProbeTool, String> missing;

    public ToolInventory(Map<ProbeTool, ToolCapability> found, Map<ProbeTool, String> missing) {
        this.found = Map.copyOf(found);
        this.missing = Map.copyOf(missing);
    }

    /** Looks for every tool on the PATH and in the system directories and asks each for its version. */
    public static ToolInventory detect() {
        Map<ProbeTool, ToolCapability> found = new EnumMap<>(ProbeTool.class);
        Map<ProbeTool, String> missing = new EnumMap<>(ProbeTool.class);
        for (ProbeTool tool : ProbeTool.values()) {
            String name = tool.name().toLowerCase(Locale.ROOT);
            Optional<Path> path = locate(name);
            if (path.isEmpty()) {
                missing.put(tool, name + " is not installed (looked on the PATH and in " + String.join(", ", SYSTEM_DIRS)
                        + "); install the Debian package " + debianPackage(tool));
                continue;
            }
            String banner = banner(tool, path.get());
            if (tool == ProbeTool.TRACEROUTE && !banner.contains("Modern traceroute")) {
                missing.put(tool, path.get() + " is not the Linux traceroute the agent drives (it said '" + banner.strip()
                        + "'); install the Debian package traceroute");
                continue;
            }
            found.put(tool, new ToolCapability(tool, version(banner), path.get().toString(), protocols(tool)));
        }
        ToolInventory inventory = new ToolInventory(found, missing);
        found.values().forEach(c -> LOG.infof("probe tool %s %s at %s (%s)", c.tool(), c.version(), c.path(), c.protocols()));
        missing.values().forEach(m -> LOG.warnf("probe tool missing: %s", m));
        return inventory;
    }

    public Optional<ToolCapability> find(ProbeTool tool) {
        return Optional.ofNullable(found.get(tool));
    }

    /** Why a tool cannot be used, for the TOOL_MISSING trace. */
    public String whyMissing(ProbeTool tool) {
        return missing.getOrDefault(tool, tool + " is not available");
    }

    /** The capabilities in tool order, for the heartbeat. */
    public List<ToolCapability> capabilities() {
        List<ToolCapability> list = new ArrayList<>();
        for (ProbeTool tool : ProbeTool.values()) {
            if (found.containsKey(tool)) {
                list.add(found.get(tool));
            }
        }
        return list;
    }

    static String version(String banner) {
        for (String line : banner.split("\n")) {
            Matcher m = VERSION.matcher(line);
            if (m.find()) {
                return m.group(1);
            }
        }
        return null;
    }

    private static List<ProbeProtocol> protocols(ProbeTool tool) {
        return switch (tool) {
            case MTR, TRACEROUTE, SCAMPER -> List.of(ProbeProtocol.ICMP, ProbeProtocol.UDP, ProbeProtocol.TCP);
            case TCPTRACEROUTE -> List.of(ProbeProtocol.TCP);
            case TRACEPATH -> List.of(ProbeProtocol.UDP);
        };
    }

    private static String debianPackage(ProbeTool tool) {
        return switch (tool) {
            case MTR -> "mtr-tiny";
            case TRACEROUTE -> "traceroute";
            case SCAMPER -> "scamper";
            case TCPTRACEROUTE -> "tcptraceroute";
            case TRACEPATH -> "iputils-tracepath";
        };
    }

    private static Optional<Path> locate(String name) {
        Set<String> dirs = new LinkedHashSet<>();
        String path = System.getenv("PATH");
        if (path != null) {
            dirs.addAll(List.of(path.split(":")));
        }
        dirs.addAll(SYSTEM_DIRS);
        for (String dir : dirs) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static String banner(ProbeTool tool, Path path) {
        String flag = switch (tool) {
            case MTR, TRACEROUTE -> "--version";
            case SCAMPER, TCPTRACEROUTE -> "-v";
            case TRACEPATH -> "-V";
        };
        try {
            Subprocess.Result result = Subprocess.run(List.of(path.toString(), flag), VERSION_TIMEOUT, 4096);
            return result.stdout() + "\n" + result.stderr();
        } catch (Exception e) {
            return "";
        }
    }
}
