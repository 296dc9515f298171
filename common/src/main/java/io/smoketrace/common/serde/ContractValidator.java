package io.smoketrace.common.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.smoketrace.common.topic.TopicSpec;
import io.smoketrace.common.topic.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks records against the JSON Schemas in {@code schemas/}, reporting violations by field name.
 * Schemas refer to each other by {@code $id} under {@link #SCHEMA_BASE}, which maps to the classpath.
 */
public final class ContractValidator {

    /** The base URI of every SmokeTrace schema's {@code $id}. */
    public static final String SCHEMA_BASE = "https://smoketrace.io/schemas/";

    private static final ContractValidator INSTANCE = new ContractValidator();

    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaIdResolvers(ids -> ids.mapPrefix(SCHEMA_BASE, "classpath:schemas/")));
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    private ContractValidator() {
    }

    /** The shared validator; schemas are loaded once, on first use. */
    public static ContractValidator get() {
        return INSTANCE;
    }

    /** Every way the record breaks the contract of the given topic; empty when it is valid. */
    public List<Violation> violations(String topic, JsonNode record) {
        TopicSpec spec = Topics.spec(topic);
        Schema schema = schemas.computeIfAbsent(spec.schemaName(), name -> {
            Schema loaded = registry.getSchema(SchemaLocation.of(SCHEMA_BASE + name + ".schema.json"));
            loaded.initializeValidators();
            return loaded;
        });
        List<Violation> violations = new ArrayList<>();
        for (Error error : schema.validate(record)) {
            violations.add(new Violation(fieldOf(error), error.getMessage()));
        }
        return violations;
    }

    /** Throws {@link ContractViolationException} naming the fields when the record is invalid. */
    public void check(String topic, JsonNode record) {
        List<Violation> violations = violations(topic, record);
        if (!violations.isEmpty()) {
            throw new ContractViolationException(topic, violations);
        }
    }

    /** The field the error is about: its instance location, plus the property for "required"-style errors. */
    private static String fieldOf(Error error) {
        String field = dotted(error.getInstanceLocation().toString());
        String property = error.getProperty();
        if (property != null && ("required".equals(error.getKeyword())
                || "additionalProperties".equals(error.getKeyword())
                || "dependentRequired".equals(error.getKeyword()))) {
            field = field.isEmpty() ? property : field + "." + property;
        }
        return field;
    }

    /** A JSON pointer ({@code /hops/0/ttl}) or JSONPath ({@code $.hops[0].ttl}) as {@code hops[0].ttl}. */
    static String dotted(String location) {
        if (location.startsWith("$")) {
            String path = location.substring(1);
            return path.startsWith(".") ? path.substring(1) : path;
        }
        StringBuilder sb = new StringBuilder();
        for (String token : location.split("/")) {
            if (token.isEmpty()) {
                continue;
            }
            String name = token.replace("~1", "/").replace("~0", "~");
            if (name.chars().allMatch(Character::isDigit)) {
                sb.append('[').append(name).append(']');
            } else {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(name);
            }
        }
        return sb.toString();
    }
}
