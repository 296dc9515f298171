package io.smoketrace.agent.target;

import io.smoketrace.common.target.TargetSpec;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Follows the agent's targets file while it runs, so that editing it takes effect without a restart.
 * The file is read again whenever its directory reports a change (which also catches a Kubernetes
 * ConfigMap's symlink swap) and at least every {@link #RECHECK}, and it counts as changed only when
 * its content did. A changed file that cannot be read, is not a list of targets, or holds an entry
 * that is not a valid target is refused as a whole: the targets read before keep running, and the
 * listener hears every problem with its line and field. A refused file is reported once, not on
 * every look.
 */
public final class TargetsFileWatcher implements AutoCloseable {

    /** How often the file is read even when no change was reported (file systems without notifications). */
    static final Duration RECHECK = Duration.ofSeconds(10);

    /** An edit can arrive as several writes: the file counts as changed when two reads this far apart agree. */
    private static final Duration SETTLE = Duration.ofMillis(200);

    private static final String MISSING = "missing";

    /** What became of a change of the file. */
    public interface Listener {

        /** The file changed and these are now its targets. */
        void changed(List<TargetSpec> targets);

        /** The file changed but was not applied; the targets read before keep running. */
        void refused(List<String> problems);
    }

    private final Path file;
    private final Listener listener;
    private final WatchService watch;
    private volatile boolean running = true;
    private String lastSeen;
    private Thread thread;

    /**
     * @param file the targets file; its directory must exist
     * @throws IOException when the directory cannot be watched
     */
    public TargetsFileWatcher(Path file, Listener listener) throws IOException {
        this.file = file.toAbsolutePath();
        this.listener = listener;
        this.watch = this.file.getFileSystem().newWatchService();
        this.file.getParent().register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                StandardWatchEventKinds.ENTRY_DELETE);
    }

    /**
     * Reads the file as the agent starts; later changes are measured against what this read.
     *
     * @throws IOException when the file cannot be read or is not a list of targets
     */
    public synchronized TargetsFile.Contents loadAtStart() throws IOException {
        byte[] content = Files.readAllBytes(file);
        lastSeen = digest(content);
        return TargetsFile.parse(file.getFileName().toString(), content);
    }

    /** Starts following the file. */
    public void start() {
        thread = Thread.ofPlatform().name("targets-file-watcher").daemon().start(this::loop);
    }

    private void loop() {
        while (running) {
            try {
                WatchKey key = watch.poll(RECHECK.toMillis(), TimeUnit.MILLISECONDS);
                if (key != null) {
                    for (WatchKey k = key; k != null; k = watch.poll()) {
                        k.pollEvents();
                        k.reset();
                    }
                }
                check();
            } catch (InterruptedException | ClosedWatchServiceException e) {
                return;
            } catch (RuntimeException e) {
                listener.refused(List.of("reading " + file + " failed unexpectedly: " + e));
            }
        }
    }

    /** Reads the file and, when its content changed, applies or refuses it. */
    synchronized void check() throws InterruptedException {
        byte[] content;
        String seen;
        try {
            content = Files.readAllBytes(file);
            seen = digest(content);
            if (seen.equals(lastSeen)) {
                return;
            }
            // Read it again a moment later: a file caught between truncation and write reads empty.
            // Still changing: the next event or look takes it.
            Thread.sleep(SETTLE);
            if (!Arrays.equals(content, Files.readAllBytes(file))) {
                return;
            }
        } catch (NoSuchFileException e) {
            if (!MISSING.equals(lastSeen)) {
                lastSeen = MISSING;
                listener.refused(List.of(file + " is gone (smoketrace.agent.targets-file); put it back to change the targets"));
            }
            return;
        } catch (IOException e) {
            String problem = "cannot read " + file + ": " + e.getMessage();
            if (!problem.equals(lastSeen)) {
                lastSeen = problem;
                listener.refused(List.of(problem));
            }
            return;
        }
        lastSeen = seen;
        TargetsFile.Contents contents;
        try {
            contents = TargetsFile.parse(file.getFileName().toString(), content);
        } catch (IOException e) {
            listener.refused(List.of(e.getMessage()));
            return;
        }
        if (!contents.refused().isEmpty()) {
            listener.refused(contents.refused().stream().map(TargetsFile.Refusal::describe).toList());
            return;
        }
        listener.changed(contents.targets());
    }

    @Override
    public void close() {
        running = false;
        try {
            watch.close();
        } catch (IOException e) {
            // Nothing is left to watch either way; the thread ends with the flag.
        }
        if (thread != null) {
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String digest(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
