package io.smoketrace.bgp.cli;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smoketrace.bgp.codec.IpAddresses;
import io.smoketrace.bgp.codec.bgp.UpdateMessage;
import io.smoketrace.bgp.codec.mrt.Bgp4mpMessage;
import io.smoketrace.bgp.codec.mrt.Bgp4mpStateChange;
import io.smoketrace.bgp.codec.mrt.TableDumpEntry;
import io.smoketrace.bgp.codec.mrt.MrtReader;
import io.smoketrace.bgp.codec.mrt.MrtRecord;
import io.smoketrace.bgp.codec.mrt.PeerIndexTable;
import io.smoketrace.bgp.codec.mrt.RibRecord;
import io.smoketrace.bgp.mapping.RouteMapping;
import io.smoketrace.bgp.publish.BgpPublisher;
import io.smoketrace.bgp.publish.KafkaBgpPublisher;
import io.smoketrace.bgp.rib.BgpMetrics;
import io.smoketrace.bgp.rib.RouteFeed;
import io.smoketrace.common.bgp.PeerRef;
import io.smoketrace.common.bgp.PeerState;
import io.smoketrace.common.bgp.PeerState.PeerKind;
import io.smoketrace.common.bgp.PeerState.SessionState;
import io.smoketrace.common.bgp.RouteSource;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code mrt-import [--bootstrap HOST:PORT] [--collector-id ID] FILE}: replays an MRT file into the topics.
 * TABLE_DUMP_V2 and TABLE_DUMP entries become RIB records of the peers {@code mrt:<collector>:<address>};
 * BGP4MP messages become updates; BGP4MP state changes become peer states, marked as imported history.
 * A progress bar (octets read of the file, records/s) goes to stderr. When Kafka falls behind, reading
 * the file waits.
 */
final class MrtImportCommand implements Command {

    /** How long to wait for the broker before giving up, rather than blocking on every record. */
    private static final Duration BROKER_TIMEOUT = Duration.ofSeconds(10);

    @Override
    public String name() {
        return "mrt-import";
    }

    @Override
    public String usage() {
        return "[--bootstrap HOST:PORT] [--collector-id ID] FILE  publish an MRT file's routes to the BGP topics";
    }

    @Override
    public int run(List<String> arguments, InputStream stdin, PrintStream out, PrintStream err) {
        String bootstrap = Optional.ofNullable(System.getenv("SMOKETRACE_KAFKA_BOOTSTRAP")).orElse("localhost:9092");
        String collectorId = "mrt-import";
        List<String> files = new ArrayList<>();
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            if ((argument.equals("--bootstrap") || argument.equals("--collector-id")) && i + 1 < arguments.size()) {
                if (argument.equals("--bootstrap")) {
                    bootstrap = arguments.get(++i);
                } else {
                    collectorId = arguments.get(++i);
                }
            } else if (argument.startsWith("--")) {
                err.println("mrt-import: unknown option " + argument);
                err.println("usage: mrt-import " + usage());
                return EXIT_USAGE;
            } else {
                files.add(argument);
            }
        }
        if (files.size() != 1) {
            err.println("mrt-import: expected exactly one FILE");
            err.println("usage: mrt-import " + usage());
            return EXIT_USAGE;
        }
        Path file = Path.of(files.getFirst());
        if (!Files.isReadable(file)) {
            err.println("mrt-import: " + file + ": no such file");
            return EXIT_BAD_INPUT;
        }
        try (KafkaBgpPublisher publisher = new KafkaBgpPublisher(KafkaBgpPublisher.producerProperties(bootstrap, 50,
                512 * 1024, "lz4", 256L << 20), collectorId)) {
            KafkaBgpPublisher.Health broker = publisher.health(BROKER_TIMEOUT, Duration.ZERO);
            if (!broker.up()) {
                err.println("mrt-import: cannot reach Kafka at " + bootstrap + " (" + broker.detail()
                        + "); give --bootstrap HOST:PORT or set SMOKETRACE_KAFKA_BOOTSTRAP");
                return EXIT_BAD_INPUT;
            }
            return replay(file, new RouteFeed(publisher, new BgpMetrics(new SimpleMeterRegistry()), collectorId), publisher, err,
                    new Source(collectorId, file.getFileName().toString()));
        }
    }

    /** Where the records come from: the --collector-id and the file's name. */
    private record Source(String collectorId, String fileName) {
    }

    private int replay(Path file, RouteFeed feed, BgpPublisher publisher, PrintStream err, Source source) {
        long total;
        Counts counts = new Counts();
        Progress progress;
        try {
            total = Files.size(file);
            progress = new Progress(err, total);
        } catch (IOException unreadable) {
            err.println("mrt-import: " + file + ": " + unreadable.getMessage());
            return EXIT_BAD_INPUT;
        }
        try (CountingStream raw = new CountingStream(Files.newInputStream(file));
             MrtReader reader = new MrtReader(MrtReader.decompressing(raw), error -> {
                 counts.skipped++;
                 progress.clear();
                 err.println("mrt-import: " + file + ": " + error.getMessage());
             })) {
            for (Optional<MrtRecord> record = reader.next(); record.isPresent(); record = reader.next()) {
                counts.records++;
                publish(record.get(), reader.peerIndexTable(), feed, publisher, source, counts, problem -> {
                    progress.clear();
                    err.println("mrt-import: " + file + ": " + problem);
                });
                progress.show(raw.count, counts);
                publisher.backlog().awaitDrained();
            }
            publisher.flush();
            progress.done(total, counts);
        } catch (NoSuchFileException missing) {
            err.println("mrt-import: " + file + ": no such file");
            return EXIT_BAD_INPUT;
        } catch (IOException unreadable) {
            err.println("mrt-import: " + file + ": " + unreadable.getMessage());
            return EXIT_BAD_INPUT;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            err.println("mrt-import: interrupted");
            return EXIT_BAD_INPUT;
        }
        return counts.records == 0 && counts.skipped > 0 ? EXIT_BAD_INPUT : EXIT_OK;
    }

    private static void publish(MrtRecord record, Optional<PeerIndexTable> peers, RouteFeed feed, BgpPublisher publisher,
                                Source source, Counts counts, java.util.function.Consumer<String> problem) {
        switch (record) {
            case TableDumpEntry entry -> {
                // TABLE_DUMP (v1) names no collector: the routes are filed under the --collector-id.
                PeerRef ref = RouteMapping.mrtPeer(source.collectorId(), entry.peerAddress(), entry.peerAs(), null);
                feed.ribEntry(ref, RouteSource.MRT, RouteMapping.prefix(entry.prefix()), 0,
                        RouteMapping.attributes(entry.attributes()), Instant.ofEpochSecond(entry.originatedTime()));
                counts.ribRoutes++;
            }
            case Bgp4mpStateChange change -> {
                Optional<SessionState> state = fsmState(change.newState());
                if (state.isEmpty()) {
                    counts.skippedStates++;
                    problem.accept("STATE_CHANGE at time " + change.header().timestamp() + " from peer "
                            + IpAddresses.format(change.peerAddress()) + " has FSM state " + change.newState()
                            + ", not 1 (Idle) to 6 (Established); record skipped");
                    return;
                }
                PeerRef ref = RouteMapping.mrtPeer(IpAddresses.format(change.localAddress()), change.peerAddress(),
                        change.peerAs(), null);
                Instant at = Instant.ofEpochSecond(change.header().timestamp(), change.header().microseconds() * 1000L);
                String from = fsmState(change.oldState()).map(MrtImportCommand::rfcName).orElse("state " + change.oldState());
                publisher.peer(new PeerState(PeerState.FORMAT_VERSION, feed.collectorId(), ref, PeerKind.BGP_SESSION, state.get(),
                        at, "imported from MRT file " + source.fileName() + ": " + from + " -> " + rfcName(state.get())
                                + " at " + at + ", as recorded by " + IpAddresses.format(change.localAddress()) + " (AS"
                                + change.localAs() + "); historical, not a live session",
                        change.localAs(), null, List.of(), 0, 0, Instant.now()));
                counts.states++;
            }
            case RibRecord rib when peers.isPresent() && rib.afiSafi().carriesIpPrefixes() -> {
                String collector = IpAddresses.format(peers.get().collectorBgpId());
                String prefix = RouteMapping.prefix(rib.prefix());
                for (RibRecord.RibEntry entry : rib.entries()) {
                    if (entry.peerIndex() >= peers.get().peers().size()) {
                        continue;
                    }
                    PeerIndexTable.Peer peer = peers.get().peers().get(entry.peerIndex());
                    PeerRef ref = RouteMapping.mrtPeer(collector, peer.address(), peer.asNumber(),
                            IpAddresses.format(peer.bgpId()));
                    feed.ribEntry(ref, RouteSource.MRT, prefix, entry.pathId().orElse(0),
                            RouteMapping.attributes(entry.attributes()), Instant.ofEpochSecond(entry.originatedTime()));
                    counts.ribRoutes++;
                }
            }
            case Bgp4mpMessage message when message.message() instanceof UpdateMessage update && !message.sentByLocal() -> {
                PeerRef ref = RouteMapping.mrtPeer(IpAddresses.format(message.localAddress()), message.peerAddress(),
                        message.peerAs(), null);
                feed.apply(ref, RouteSource.MRT, null, update, Instant.ofEpochSecond(message.header().timestamp(),
                        message.header().microseconds() * 1000L));
                counts.updates += update.announcedRoutes().size() + update.allWithdrawnRoutes().size();
            }
            default -> { }
        }
    }

    /** The MRT (and BGP4-MIB) FSM state numbers, 1 Idle to 6 Established. */
    static Optional<SessionState> fsmState(int number) {
        return switch (number) {
            case Bgp4mpStateChange.IDLE -> Optional.of(SessionState.IDLE);
            case Bgp4mpStateChange.CONNECT -> Optional.of(SessionState.CONNECT);
            case Bgp4mpStateChange.ACTIVE -> Optional.of(SessionState.ACTIVE);
            case Bgp4mpStateChange.OPEN_SENT -> Optional.of(SessionState.OPEN_SENT);
            case Bgp4mpStateChange.OPEN_CONFIRM -> Optional.of(SessionState.OPEN_CONFIRM);
            case Bgp4mpStateChange.ESTABLISHED -> Optional.of(SessionState.ESTABLISHED);
            default -> Optional.empty();
        };
    }

    /** The state as RFC 4271 writes it. */
    static String rfcName(SessionState state) {
        return switch (state) {
            case IDLE -> "Idle";
            case CONNECT -> "Connect";
            case ACTIVE -> "Active";
            case OPEN_SENT -> "OpenSent";
            case OPEN_CONFIRM -> "OpenConfirm";
            case ESTABLISHED -> "Established";
            case UP -> "Up";
            case DOWN -> "Down";
        };
    }

    private static final class Counts {
        long records;
        long ribRoutes;
        long updates;
        long states;
        long skippedStates;
        long skipped;
    }

    /** A one-line progress bar, redrawn at most five times a second. */
    private static final class Progress {

        private static final int WIDTH = 30;
        private final PrintStream err;
        private final long total;
        private final long started = System.nanoTime();
        private long lastDrawn;
        private boolean drawn;

        Progress(PrintStream err, long total) {
            this.err = err;
            this.total = total;
        }

        void show(long read, Counts counts) {
            long now = System.nanoTime();
            if (now - lastDrawn < 200_000_000L) {
                return;
            }
            lastDrawn = now;
            draw(read, counts, "\r");
        }

        void done(long read, Counts counts) {
            draw(read, counts, "\r");
            err.println();
            err.printf("mrt-import: %d records, %d RIB routes, %d updates, %d peer state changes published, %d records"
                    + " skipped in %.1f s%n", counts.records, counts.ribRoutes, counts.updates, counts.states,
                    counts.skipped + counts.skippedStates, seconds());
        }

        void clear() {
            if (drawn) {
                err.print("\r" + " ".repeat(100) + "\r");
            }
        }

        private void draw(long read, Counts counts, String start) {
            double fraction = total == 0 ? 1 : Math.min(1, (double) read / total);
            int filled = (int) (fraction * WIDTH);
            err.printf("%s[%s%s] %5.1f%% %s / %s  %.0f records/s ", start, "#".repeat(filled), " ".repeat(WIDTH - filled),
                    fraction * 100, size(read), size(total), counts.records / Math.max(0.001, seconds()));
            err.flush();
            drawn = true;
        }

        private double seconds() {
            return (System.nanoTime() - started) / 1e9;
        }

        private static String size(long octets) {
            return octets >= 1 << 20 ? String.format("%.1f MiB", octets / 1048576.0) : String.format("%.1f KiB", octets / 1024.0);
        }
    }

    /** Counts the octets read from the file (before decompression), which is what the progress bar measures. */
    private static final class CountingStream extends FilterInputStream {

        long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int octet = super.read();
            if (octet >= 0) {
                count++;
            }
            return octet;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int read = super.read(buffer, offset, length);
            if (read > 0) {
                count += read;
            }
            return read;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += skipped;
            return skipped;
        }
    }
}
