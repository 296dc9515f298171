package io.smoketrace.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.smoketrace.common.topic.TopicSpec;
import io.smoketrace.common.topic.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/topics.md stays true to the topic catalogue: every topic's row names its key, schema, type and policy. */
class TopicsDocumentationTest {

    @Test
    void everyTopicIsDocumentedWithItsContract() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "topics.md"));
        for (TopicSpec spec : Topics.ALL) {
            String row = doc.lines().filter(l -> l.startsWith("| `" + spec.name() + "`")).findFirst().orElse("");
            assertThat(row).as("overview row for %s", spec.name()).isNotEmpty();
            assertThat(row).contains(spec.schemaName() + ".schema.json", "`" + spec.cloudEventType() + "`",
                    "| " + spec.partitions() + " |");
            assertThat(row).contains(spec.key().replace("|", "\\|"));
            assertThat(row).contains(spec.compacted() ? "compact" : "delete, " + spec.retention().toDays() + " d");
            assertThat(doc).contains("## " + spec.name() + " ");
            assertThat(doc).contains("examples/" + spec.schemaName() + ".json");
        }
    }
}
