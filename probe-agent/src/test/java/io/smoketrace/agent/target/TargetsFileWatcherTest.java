package io.smoketrace.agent.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.smoketrace.common.target.TargetSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The targets file edited while the agent runs, on the real file system: valid edits (in place and
 * by an atomic rename, as editors and ConfigMaps do) reach the registry; a broken file is refused
 * with its line and field, and the targets before it keep running.
 */
class TargetsFileWatcherTest {

    private static final Duration NOTICED = Duration.ofSeconds(TargetsFileWatcher.RECHECK.toSeconds() + 5);

    private final List<List<String>> changes = new CopyOnWriteArrayList<>();
    private final List<List<String>> refusals = new CopyOnWriteArrayList<>();

    private TargetsFileWatcher.Listener into(TargetRegistry registry) {
        return new TargetsFileWatcher.Listener() {
            @Override
            public void changed(List<TargetSpec> targets) {
                registry.setFileTargets(targets);
                changes.add(targets.stream().map(TargetSpec::targetId).toList());
            }

            @Override
            public void refused(List<String> problems) {
                refusals.add(problems);
            }
        };
    }

    @Test
    void editsTakeEffectAndABrokenFileKeepsThePreviousTargets(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("targets.yaml");
        Files.writeString(file, """
                - targetId: web
                  host: 192.0.2.1
                """);
        TargetRegistry registry = new TargetRegistry("fra1", List.of());
        try (TargetsFileWatcher watcher = new TargetsFileWatcher(file, into(registry))) {
            registry.setFileTargets(watcher.loadAtStart().targets());
            watcher.start();
            assertThat(registry.active()).containsOnlyKeys("web");

            Files.writeString(file, """
                    - targetId: web
                      host: 192.0.2.1
                      intervalSeconds: 30
                    - targetId: dns
                      host: 192.0.2.53
                      tool: TRACEROUTE
                      protocol: UDP
                      port: 53
                    """);
            await().atMost(NOTICED).until(() -> registry.active().containsKey("dns"));
            assertThat(registry.get("web").intervalSeconds()).isEqualTo(30);

            // A YAML syntax error: nothing is applied, the problem names its line.
            Files.writeString(file, """
                    - targetId: web
                      host: 192.0.2.1
                    - targetId: [dns
                    """);
            await().atMost(NOTICED).until(() -> refusals.size() == 1);
            assertThat(refusals.getLast()).singleElement().asString().contains("line 3");
            assertThat(registry.active()).containsOnlyKeys("web", "dns");

            // One entry that is not a valid target refuses the whole edit: applying the rest would drop that target.
            Files.writeString(file, """
                    - targetId: web
                      host: 192.0.2.1
                    - targetId: dns
                      host: 192.0.2.53
                      maxTtl: 500
                    """);
            await().atMost(NOTICED).until(() -> refusals.size() == 2);
            assertThat(refusals.getLast()).singleElement().asString()
                    .contains("entry #2").contains("line 3").contains("maxTtl");
            assertThat(registry.active()).containsOnlyKeys("web", "dns");
            assertThat(registry.get("dns").maxTtl()).isEqualTo(30);

            // An editor's save: a new file renamed over the old one.
            Path saved = dir.resolve(".targets.yaml.swp");
            Files.writeString(saved, """
                    targets:
                      - targetId: ntp
                        host: 2001:db8::123
                        tool: SCAMPER
                    """);
            Files.move(saved, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            await().atMost(NOTICED).until(() -> registry.active().keySet().equals(java.util.Set.of("ntp")));

            // Deleting the file is not an edit: the targets stay, and the operator hears it once.
            Files.delete(file);
            await().atMost(NOTICED).until(() -> refusals.size() == 3);
            assertThat(refusals.getLast()).singleElement().asString().contains("is gone");
            assertThat(registry.active()).containsOnlyKeys("ntp");
        }
        assertThat(changes).containsExactly(List.of("web", "dns"), List.of("ntp"));
        assertThat(refusals).hasSize(3);
    }
}
