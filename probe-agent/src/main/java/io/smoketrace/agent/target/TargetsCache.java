package io.smoketrace.agent.target;

import com.fasterxml.jackson.core.type.TypeReference;
import io.smoketrace.common.serde.Json;
import io.smoketrace.common.target.TargetSpec;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The agent's last copy of the targets topic, on disk, so an agent restarted while Kafka is away
 * keeps tracing what it traced before; the topic replaces it once it has been read again.
 */
public final class TargetsCache {

    private static final Logger LOG = Logger.getLogger(TargetsCache.class);

    private final Path file;

    public TargetsCache(Path dataDir) {
        this.file = dataDir.resolve("targets-topic.json");
    }

    /** The cached targets; none when there is no (readable) cache. */
    public List<TargetSpec> load() {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            return Json.mapper().readValue(file.toFile(), new TypeReference<List<TargetSpec>>() { });
        } catch (IOException e) {
            LOG.warnf("ignoring the targets cache %s: %s", file, e.getMessage());
            return List.of();
        }
    }

    public void save(List<TargetSpec> targets) {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.write(tmp, Json.mapper().writeValueAsBytes(targets));
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            LOG.warnf("cannot write the targets cache %s: %s", file, e.getMessage());
        }
    }
}
