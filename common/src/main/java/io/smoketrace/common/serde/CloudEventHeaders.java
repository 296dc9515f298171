package io.smoketrace.common.serde;

import io.smoketrace.common.topic.TopicSpec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * CloudEvents 1.0 Kafka protocol binding, binary mode: the event's attributes travel as {@code ce_*}
 * headers and the record value is the JSON data itself.
 */
public final class CloudEventHeaders {

    public static final String SPEC_VERSION = "ce_specversion";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String ID = "ce_id";
    public static final String TIME = "ce_time";
    public static final String CONTENT_TYPE = "content-type";
    public static final String JSON = "application/json";

    private CloudEventHeaders() {
    }

    /** Headers for a new event of the topic's type from {@code source} (for example {@code /smoketrace/probe-agent/site-1}). */
    public static Headers create(TopicSpec topic, String source) {
        return create(topic, source, UUID.randomUUID().toString(), Instant.now());
    }

    /**
     * Headers with a caller-chosen id, for events that must keep their id when they are re-sent
     * (a spooled trace, a replayed path event).
     */
    public static Headers create(TopicSpec topic, String source, String id, Instant time) {
        RecordHeaders headers = new RecordHeaders();
        attributes(topic, source, id, time).forEach((name, value) -> headers.add(name, value.getBytes(StandardCharsets.UTF_8)));
        return headers;
    }

    /** The attribute headers as text, in the order they are written. */
    public static Map<String, String> attributes(TopicSpec topic, String source, String id, Instant time) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put(SPEC_VERSION, "1.0");
        attributes.put(TYPE, topic.cloudEventType());
        attributes.put(SOURCE, source);
        attributes.put(ID, id);
        attributes.put(TIME, time.toString());
        attributes.put(CONTENT_TYPE, JSON);
        return attributes;
    }

    /** A header's text value, or null. */
    public static String read(Headers headers, String name) {
        var header = headers.lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
