package io.smoketrace.common.topic;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One topic's contract and policy.
 *
 * @param name the topic name
 * @param key what the record key is
 * @param valueType the record class of the value
 * @param schemaName the JSON Schema's base name under {@code schemas/} ({@code trace} is {@code schemas/trace.schema.json})
 * @param cloudEventType the {@code ce_type} header value
 * @param compacted true for compacted topics (latest value per key), false for time-retained ones
 * @param retention how long records are kept on time-retained topics; null for compacted ones
 * @param partitions the default partition count
 * @param description one sentence for subscribers
 */
public record TopicSpec(
        String name,
        String key,
        Class<?> valueType,
        String schemaName,
        String cloudEventType,
        boolean compacted,
        Duration retention,
        int partitions,
        String description) {

    static TopicSpec deleting(String name, String key, Class<?> type, String schema, String ceType,
                              Duration retention, int partitions, String description) {
        return new TopicSpec(name, key, type, schema, ceType, false, retention, partitions, description);
    }

    static TopicSpec compacted(String name, String key, Class<?> type, String schema, String ceType,
                               int partitions, String description) {
        return new TopicSpec(name, key, type, schema, ceType, true, null, partitions, description);
    }

    /** Classpath location of the JSON Schema. */
    public String schemaResource() {
        return "schemas/" + schemaName + ".schema.json";
    }

    /** Kafka topic configuration for creating the topic. */
    public Map<String, String> configs() {
        Map<String, String> configs = new LinkedHashMap<>();
        if (compacted) {
            configs.put("cleanup.policy", "compact");
            // Tombstones must outlive a consumer's full rebuild so deletions are seen, then go.
            configs.put("delete.retention.ms", String.valueOf(Duration.ofDays(1).toMillis()));
            configs.put("min.compaction.lag.ms", String.valueOf(Duration.ofMinutes(1).toMillis()));
        } else {
            configs.put("cleanup.policy", "delete");
            configs.put("retention.ms", String.valueOf(retention.toMillis()));
        }
        return configs;
    }
}
