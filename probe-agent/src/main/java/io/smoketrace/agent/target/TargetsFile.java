package io.smoketrace.agent.target;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.smoketrace.common.serde.ContractViolationException;
import io.smoketrace.common.serde.Json;
import io.smoketrace.common.target.TargetSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The agent's own targets file: a JSON or YAML list of target specs, shaped like the records of the
 * targets topic. Fields left out take the defaults below, so a file can be as short as
 * {@code - host: 192.0.2.1}. An entry that is not a valid target is refused on its own.
 */
public final class TargetsFile {

    /** One entry that was refused, with the reason naming the field. */
    public record Refusal(int index, String reason) {
    }

    /** The targets read, and the entries refused. */
    public record Contents(List<TargetSpec> targets, List<Refusal> refused) {
    }

    private TargetsFile() {
    }

    /**
     * Reads the file.
     *
     * @throws IOException when the file cannot be read or is not a list
     */
    public static Contents read(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        ObjectMapper mapper = name.endsWith(".json") ? Json.mapper() : Json.configure(new YAMLMapper());
        JsonNode root = mapper.readTree(file.toFile());
        if (root != null && root.isObject() && root.has("targets")) {
            root = root.get("targets");
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return new Contents(List.of(), List.of());
        }
        if (!root.isArray()) {
            throw new IOException(file + " must hold a list of targets (or an object with a 'targets' list)");
        }
        List<TargetSpec> targets = new ArrayList<>();
        List<Refusal> refused = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            JsonNode entry = root.get(i);
            if (!entry.isObject()) {
                refused.add(new Refusal(i, "(entry): not an object"));
                continue;
            }
            try {
                targets.add(TargetChecks.decode(withDefaults((ObjectNode) entry.deepCopy())));
            } catch (ContractViolationException e) {
                refused.add(new Refusal(i, e.violations().stream().map(Object::toString).reduce((a, b) -> a + "; " + b).orElse("")));
            }
        }
        return new Contents(targets, refused);
    }

    private static JsonNode withDefaults(ObjectNode entry) {
        entry.putIfAbsent("formatVersion", entry.numberNode(TargetSpec.FORMAT_VERSION));
        if (!entry.has("targetId") && entry.hasNonNull("host")) {
            entry.put("targetId", entry.get("host").asText().replaceAll("[^A-Za-z0-9._-]", "-"));
        }
        entry.putIfAbsent("tool", entry.textNode("MTR"));
        String tool = entry.get("tool").asText();
        entry.putIfAbsent("protocol", entry.textNode(switch (tool) {
            case "TCPTRACEROUTE" -> "TCP";
            case "TRACEPATH" -> "UDP";
            default -> "ICMP";
        }));
        entry.putIfAbsent("intervalSeconds", entry.numberNode(60));
        entry.putIfAbsent("probesPerHop", entry.numberNode(10));
        entry.putIfAbsent("maxTtl", entry.numberNode(30));
        entry.putIfAbsent("timeoutSeconds", entry.numberNode(60));
        entry.putIfAbsent("paris", entry.booleanNode(true));
        entry.putIfAbsent("enabled", entry.booleanNode(true));
        return entry;
    }
}
