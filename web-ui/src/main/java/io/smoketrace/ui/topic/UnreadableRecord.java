package io.smoketrace.ui.topic;

/**
 * A record on a topic the console reads that breaks the topic's contract: shown on its page, counted,
 * and otherwise ignored (every start re-reads the topic, so it is not dead-lettered again each time).
 *
 * @param key the record key
 * @param location topic-partition@offset
 * @param reason what is wrong, naming the field
 */
public record UnreadableRecord(String key, String location, String reason) {
}
