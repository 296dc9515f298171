package io.smoketrace.agent.parse;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smoketrace.common.serde.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the JSON outputs (one object, an array of objects, or one object per line as scamper and
 * RIPE Atlas dumps write them) and the fields in them, with complaints that say where: the line
 * and column of broken JSON, the path of a missing or mistyped field.
 */
final class JsonDocuments {

    private static final ObjectMapper MAPPER = Json.mapper();

    private JsonDocuments() {
    }

    /** Every top-level value in the output, with the elements of a top-level array taken one by one. */
    static List<JsonNode> read(String output) throws MalformedOutputException {
        if (output.isBlank()) {
            throw new MalformedOutputException("the output is empty");
        }
        List<JsonNode> documents = new ArrayList<>();
        try (JsonParser parser = MAPPER.createParser(output)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                JsonNode node = MAPPER.readTree(parser);
                if (token == JsonToken.START_ARRAY) {
                    node.forEach(documents::add);
                } else {
                    documents.add(node);
                }
            }
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "JSON" : "JSON line " + at.getLineNr() + " column " + at.getColumnNr();
            throw new MalformedOutputException(where, withoutSourceNote(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new MalformedOutputException("unreadable JSON: " + e.getMessage());
        }
        return documents;
    }

    /** Jackson's message without its note on where the start marker was, which repeats the location less usefully. */
    private static String withoutSourceNote(String message) {
        int note = message.indexOf(" (start marker at");
        return note < 0 ? message : message.substring(0, note);
    }

    /** The JSON text of one document, kept as the raw output of the trace made from it. */
    static String text(JsonNode node) {
        return node.toString();
    }

    /** A required object member. */
    static JsonNode required(JsonNode parent, String field, String where) throws MalformedOutputException {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            throw new MalformedOutputException(where, "missing '" + field + "'");
        }
        return value;
    }

    /** A text member, or null when absent. */
    static String text(JsonNode parent, String field) {
        JsonNode value = parent.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /**
     * An address member, or null when absent or empty (RIPE Atlas writes "" for a source it does
     * not know); anything else that is not an IP address is a complaint.
     */
    static String address(JsonNode parent, String field, String where) throws MalformedOutputException {
        String text = text(parent, field);
        if (text == null || text.isEmpty()) {
            return null;
        }
        if (!Addresses.isAddress(text)) {
            throw new MalformedOutputException(where + "." + field, "'" + text + "' is not an IP address");
        }
        return Addresses.withoutZone(text);
    }

    /** A number member, written as a number or as a numeric string (mtr writes both), or null when absent. */
    static Double number(JsonNode parent, String field, String where) throws MalformedOutputException {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isNumber()) {
            return value.doubleValue();
        }
        if (value.isTextual()) {
            try {
                return Double.parseDouble(value.asText().strip());
            } catch (NumberFormatException e) {
                // fall through to the complaint
            }
        }
        throw new MalformedOutputException(where + "." + field, "'" + value.asText() + "' is not a number");
    }

    /** A whole-number member (number or numeric string), or null when absent. */
    static Long integer(JsonNode parent, String field, String where) throws MalformedOutputException {
        Double value = number(parent, field, where);
        if (value == null) {
            return null;
        }
        if (value != Math.rint(value) || Math.abs(value) > 9.0e15) {
            throw new MalformedOutputException(where + "." + field, value + " is not a whole number");
        }
        return value.longValue();
    }

    /** A required whole-number member. */
    static long requiredInteger(JsonNode parent, String field, String where) throws MalformedOutputException {
        Long value = integer(parent, field, where);
        if (value == null) {
            throw new MalformedOutputException(where, "missing '" + field + "'");
        }
        return value;
    }
}
