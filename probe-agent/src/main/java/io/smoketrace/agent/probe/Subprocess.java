package io.smoketrace.agent.probe;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a program with a deadline and collects what it printed, also when it has to be stopped:
 * a tool that hangs leaves its partial output behind, not a stuck agent.
 */
public final class Subprocess {

    private static final Duration KILL_GRACE = Duration.ofSeconds(2);

    private Subprocess() {
    }

    /**
     * What a program did.
     *
     * @param exitStatus its exit status; meaningless when {@code timedOut}
     * @param timedOut whether it was stopped at the deadline
     * @param stdout its standard output, as far as it got (capped)
     * @param stderr its standard error (capped)
     */
    public record Result(int exitStatus, boolean timedOut, String stdout, String stderr) {

        /** The first line of standard error, for messages. */
        public String firstErrorLine() {
            String text = stderr.strip();
            int nl = text.indexOf('\n');
            return nl < 0 ? text : text.substring(0, nl);
        }
    }

    /**
     * Runs {@code argv} and waits at most {@code timeout}; a program still running then gets SIGTERM,
     * and SIGKILL shortly after, with its children.
     *
     * @throws IOException when the program cannot be started
     */
    public static Result run(List<String> argv, Duration timeout, int maxOutputBytes) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.PIPE).start();
        process.getOutputStream().close();
        CappedReader out = new CappedReader(process.getInputStream(), maxOutputBytes);
        CappedReader err = new CappedReader(process.getErrorStream(), maxOutputBytes);
        Thread outReader = Thread.ofVirtual().name("stdout-" + process.pid()).start(out);
        Thread errReader = Thread.ofVirtual().name("stderr-" + process.pid()).start(err);
        boolean finished;
        try {
            finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            stop(process);
            throw e;
        }
        if (!finished) {
            stop(process);
        }
        outReader.join(KILL_GRACE.toMillis());
        errReader.join(KILL_GRACE.toMillis());
        return new Result(finished ? process.exitValue() : -1, !finished, out.text(), err.text());
    }

    private static void stop(Process process) throws InterruptedException {
        // mtr runs its probing in a child (mtr-packet): stop the whole family.
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        children.forEach(ProcessHandle::destroy);
        if (!process.waitFor(KILL_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    /** Reads a stream to its end, keeping the first {@code cap} bytes. */
    private static final class CappedReader implements Runnable {

        private final InputStream in;
        private final int cap;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();

        CappedReader(InputStream in, int cap) {
            this.in = in;
            this.cap = cap;
        }

        @Override
        public void run() {
            byte[] buffer = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    synchronized (kept) {
                        int room = cap - kept.size();
                        if (room > 0) {
                            kept.write(buffer, 0, Math.min(n, room));
                        }
                    }
                }
            } catch (IOException e) {
                // The process went away (or was stopped); what was read so far is what it printed.
            }
        }

        String text() {
            synchronized (kept) {
                return kept.toString(StandardCharsets.UTF_8);
            }
        }
    }
}
