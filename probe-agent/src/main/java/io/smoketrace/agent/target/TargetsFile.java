package io.smoketrace.agent.target;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.smoketrace.common.serde.ContractViolationException;
import io.smoketrace.common.serde.Json;
import io.smoketrace.common.target.TargetSpec;
import java.io.IOException;
import java.nio.file.Files;
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

    /**
     * One entry that was refused, with the reason naming the field.
     *
     * @param index the entry's position in the list, from 0
     * @param line the line of the file where the entry starts, from 1
     */
    public record Refusal(int index, int line, String reason) {

        /** For people: {@code entry #3 (line 12): maxTtl: ...}. */
        public String describe() {
            return "entry #" + (index + 1) + " (line " + line + "): " + reason;
        }
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
        return parse(file.getFileName().toString(), Files.readAllBytes(file));
    }

    /**
     * Reads a targets file's content; the name says JSON ({@code .json}) or YAML (anything else).
     *
     * @throws IOException when the content is not JSON/YAML or not a list, the message naming the line
     */
    public static Contents parse(String fileName, byte[] content) throws IOException {
        ObjectMapper mapper = fileName.toLowerCase(Locale.ROOT).endsWith(".json") ? Json.mapper() : Json.configure(new YAMLMapper());
        List<TargetSpec> targets = new ArrayList<>();
        List<Refusal> refused = new ArrayList<>();
        try (JsonParser parser = mapper.createParser(content)) {
            JsonToken token = parser.nextToken();
            if (token == JsonToken.START_OBJECT) {
                token = intoTargetsField(parser);
            }
            if (token == null || token == JsonToken.VALUE_NULL) {
                return new Contents(List.of(), List.of());
            }
            if (token != JsonToken.START_ARRAY) {
                throw new IOException(fileName + " must hold a list of targets (or an object with a 'targets' list); line "
                        + parser.currentTokenLocation().getLineNr() + " starts something else");
            }
            for (int i = 0; parser.nextToken() != JsonToken.END_ARRAY; i++) {
                int line = parser.currentTokenLocation().getLineNr();
                JsonNode entry = mapper.readTree(parser);
                if (entry == null || !entry.isObject()) {
                    refused.add(new Refusal(i, line, "(entry): not an object"));
                    continue;
                }
                try {
                    targets.add(TargetChecks.decode(withDefaults((ObjectNode) entry)));
                } catch (ContractViolationException e) {
                    refused.add(new Refusal(i, line, e.violations().stream().map(Object::toString).reduce((a, b) -> a + "; " + b).orElse("")));
                }
            }
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new IOException((at == null ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ")
                    + e.getOriginalMessage(), e);
        }
        return new Contents(targets, refused);
    }

    /** Moves an object's parser to the value of its {@code targets} field; null when it has none. */
    private static JsonToken intoTargetsField(JsonParser parser) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if ("targets".equals(field)) {
                return value;
            }
            parser.skipChildren();
        }
        // An object without a 'targets' list is not a targets file.
        return JsonToken.START_OBJECT;
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
