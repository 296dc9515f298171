package io.smoketrace.common.serde;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.JsonMappingException;
import io.smoketrace.common.topic.TopicSpec;
import io.smoketrace.common.topic.Topics;
import java.io.IOException;

/**
 * Reads and writes one topic's records: JSON through {@link Json}, checked against the topic's schema
 * on the way in so a consumer gets a field-naming error instead of a half-built record.
 *
 * @param <T> the record type
 */
public final class TopicCodec<T> {

    private final TopicSpec spec;
    private final Class<T> type;
    private final ObjectMapper mapper = Json.mapper();

    private TopicCodec(TopicSpec spec, Class<T> type) {
        this.spec = spec;
        this.type = type;
    }

    /** The codec for the topic that carries records of this type. */
    public static <T> TopicCodec<T> of(Class<T> type) {
        return new TopicCodec<>(Topics.specFor(type), type);
    }

    public TopicSpec spec() {
        return spec;
    }

    /** The record as JSON bytes. */
    public byte[] encode(T record) {
        try {
            return mapper.writeValueAsBytes(record);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + type.getSimpleName() + " as JSON", e);
        }
    }

    /** The record as a JSON tree (for validation in producer tests). */
    public JsonNode toTree(T record) {
        return mapper.valueToTree(record);
    }

    /**
     * Parses and validates one record.
     *
     * @throws ContractViolationException when the bytes are not JSON or break the schema, naming the field
     */
    public T decode(byte[] value) {
        JsonNode tree;
        try {
            tree = mapper.readTree(value);
        } catch (JsonProcessingException e) {
            throw new ContractViolationException(spec.name(), "", "not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ContractViolationException(spec.name(), "", "unreadable: " + e.getMessage(), e);
        }
        if (tree == null || tree.isMissingNode()) {
            throw new ContractViolationException(spec.name(), "", "empty value", null);
        }
        ContractValidator.get().check(spec.name(), tree);
        try {
            return mapper.treeToValue(tree, type);
        } catch (JsonProcessingException e) {
            throw new ContractViolationException(spec.name(), pathOf(e), e.getOriginalMessage(), e);
        } catch (IllegalArgumentException | NullPointerException e) {
            // A record constructor refused a value the schema let through.
            throw new ContractViolationException(spec.name(), "", e.getMessage(), e);
        }
    }

    private static String pathOf(JsonProcessingException e) {
        if (e instanceof JsonMappingException mapping) {
            StringBuilder sb = new StringBuilder();
            for (JsonMappingException.Reference ref : mapping.getPath()) {
                if (ref.getFieldName() != null) {
                    if (!sb.isEmpty()) {
                        sb.append('.');
                    }
                    sb.append(ref.getFieldName());
                } else if (ref.getIndex() >= 0) {
                    sb.append('[').append(ref.getIndex()).append(']');
                }
            }
            return sb.toString();
        }
        return "";
    }
}
