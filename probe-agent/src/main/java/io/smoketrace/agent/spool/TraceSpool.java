package io.smoketrace.agent.spool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32;
import org.jboss.logging.Logger;

/**
 * The agent's durable queue of finished traces waiting for Kafka: append-only segment files
 * ({@code <number>.seg}), each record {@code [length][crc32][bytes]}, fsync'd before {@link #append}
 * returns, and a cursor file saying how far the publisher has had acknowledgements. A record leaves
 * only when it was acknowledged (or dropped at the bound), so a crash or restart loses nothing: the
 * records after the cursor are sent again (with their ids, so consumers can drop a repeat).
 *
 * <p><b>Bound:</b> when the spool would grow past {@code maxBytes}, whole segments are dropped,
 * <b>oldest first</b>: after a long outage the latest traces, which say where the path is now,
 * matter more than the oldest ones. Every drop is reported to the {@link DropListener}.
 */
public final class TraceSpool implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TraceSpool.class);
    private static final String SUFFIX = ".seg";
    private static final String CURSOR = "cursor";
    private static final int HEADER = 8;

    /** Where a record starts (or where the next would). */
    public record Position(long segment, long offset) implements Comparable<Position> {
        @Override
        public int compareTo(Position o) {
            int c = Long.compare(segment, o.segment);
            return c != 0 ? c : Long.compare(offset, o.offset);
        }
    }

    /** One spooled record, with where it starts and where the next begins. */
    public record Entry(Position start, Position next, byte[] payload) {
    }

    /** Told when records are dropped because the spool is full. */
    @FunctionalInterface
    public interface DropListener {
        void dropped(int records, long bytes);
    }

    private static final class Segment {
        final long id;
        long bytes;
        int records;

        Segment(long id) {
            this.id = id;
        }
    }

    private final Path dir;
    private final long maxBytes;
    private final long segmentBytes;
    private final DropListener drops;
    private final TreeMap<Long, Segment> segments = new TreeMap<>();
    private FileChannel writer;
    private Position cursor;
    private long pending;
    private long totalBytes;

    private TraceSpool(Path dir, long maxBytes, long segmentBytes, DropListener drops) {
        this.dir = dir;
        this.maxBytes = maxBytes;
        this.segmentBytes = segmentBytes;
        this.drops = drops;
    }

    /** Opens (or creates) the spool in {@code dir}, repairing a record torn by a crash at the end of the last segment. */
    public static TraceSpool open(Path dir, long maxBytes, long segmentBytes, DropListener drops) throws IOException {
        Files.createDirectories(dir);
        TraceSpool spool = new TraceSpool(dir, maxBytes, segmentBytes, drops);
        spool.load();
        return spool;
    }

    private void load() throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                try {
                    long id = Long.parseLong(name.substring(0, name.length() - SUFFIX.length()));
                    segments.put(id, new Segment(id));
                } catch (NumberFormatException e) {
                    LOG.warnf("ignoring %s in the spool directory: not a spool segment", file);
                }
            }
        }
        cursor = readCursor();
        for (Segment segment : segments.values()) {
            scan(segment);
        }
        // Segments wholly behind the cursor were acknowledged before a crash cut their deletion short.
        while (!segments.isEmpty() && segments.firstKey() < cursor.segment()) {
            deleteSegment(segments.pollFirstEntry().getValue());
        }
        if (segments.isEmpty()) {
            segments.put(cursor.segment(), new Segment(cursor.segment()));
        }
        if (segments.firstKey() > cursor.segment()) {
            cursor = new Position(segments.firstKey(), 0);
        }
        pending = 0;
        totalBytes = 0;
        for (Segment s : segments.values()) {
            totalBytes += s.bytes;
            pending += s.records;
        }
        pending -= recordsBefore(cursor);
        Segment last = segments.lastEntry().getValue();
        writer = FileChannel.open(segmentPath(last.id), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        writer.position(last.bytes);
        syncDirectory();
    }

    /** Counts a segment's records and cuts it at the first record that is torn or corrupt. */
    private void scan(Segment segment) throws IOException {
        Path path = segmentPath(segment.id);
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = ch.size();
            long offset = 0;
            int records = 0;
            while (true) {
                byte[] payload = read(ch, offset, size);
                if (payload == null) {
                    break;
                }
                offset += HEADER + payload.length;
                records++;
            }
            if (offset < size) {
                LOG.warnf("spool segment %s: %d bytes after offset %d are torn or corrupt (an interrupted write); cutting them off",
                        path, size - offset, offset);
                ch.truncate(offset);
                ch.force(true);
            }
            segment.bytes = offset;
            segment.records = records;
        }
    }

    /** The payload of the record at {@code offset}, or null when there is no whole, intact record there. */
    private static byte[] read(FileChannel ch, long offset, long size) throws IOException {
        if (offset + HEADER > size) {
            return null;
        }
        ByteBuffer header = ByteBuffer.allocate(HEADER);
        ch.read(header, offset);
        header.flip();
        int length = header.getInt();
        int crc = header.getInt();
        if (length < 0 || offset + HEADER + length > size) {
            return null;
        }
        ByteBuffer body = ByteBuffer.allocate(length);
        while (body.hasRemaining()) {
            if (ch.read(body, offset + HEADER + body.position()) < 0) {
                return null;
            }
        }
        byte[] payload = body.array();
        return crc32(payload) == crc ? payload : null;
    }

    /** Appends a record and forces it to disk; drops the oldest segments first when the bound would be passed. */
    public synchronized void append(byte[] payload) throws IOException {
        long size = HEADER + payload.length;
        Segment last = segments.lastEntry().getValue();
        if (last.bytes > 0 && last.bytes + size > segmentBytes) {
            last = roll();
        }
        if (totalBytes + size > maxBytes) {
            if (last.bytes > 0) {
                last = roll();
            }
            while (totalBytes + size > maxBytes && segments.size() > 1) {
                dropOldest();
            }
        }
        ByteBuffer buffer = ByteBuffer.allocate((int) size);
        buffer.putInt(payload.length).putInt(crc32(payload)).put(payload).flip();
        while (buffer.hasRemaining()) {
            writer.write(buffer);
        }
        writer.force(false);
        last.bytes += size;
        last.records++;
        totalBytes += size;
        pending++;
        notifyAll();
    }

    /** Up to {@code max} records from the cursor on, oldest first, without removing them. */
    public synchronized List<Entry> peek(int max) throws IOException {
        List<Entry> entries = new ArrayList<>();
        Position at = cursor;
        for (Map.Entry<Long, Segment> e : segments.tailMap(at.segment(), true).entrySet()) {
            Segment segment = e.getValue();
            long offset = segment.id == at.segment() ? at.offset() : 0;
            if (offset >= segment.bytes) {
                continue;
            }
            try (FileChannel ch = FileChannel.open(segmentPath(segment.id), StandardOpenOption.READ)) {
                while (offset < segment.bytes && entries.size() < max) {
                    byte[] payload = read(ch, offset, segment.bytes);
                    if (payload == null) {
                        throw new IOException("spool segment " + segmentPath(segment.id) + " is unreadable at offset " + offset);
                    }
                    Position start = new Position(segment.id, offset);
                    offset += HEADER + payload.length;
                    entries.add(new Entry(start, new Position(segment.id, offset), payload));
                }
            }
            if (entries.size() >= max) {
                break;
            }
        }
        return entries;
    }

    /** Waits until there is a record to send or the time is up. */
    public synchronized void awaitRecords(long millis) throws InterruptedException {
        if (pending == 0) {
            wait(millis);
        }
    }

    /** Wakes a thread waiting in {@link #awaitRecords}. */
    public synchronized void wakeUp() {
        notifyAll();
    }

    /**
     * Removes acknowledged records: {@code entries} are a prefix of what {@link #peek} returned.
     * Records the bound dropped in the meantime are not counted twice.
     */
    public synchronized void acknowledge(List<Entry> entries) throws IOException {
        if (entries.isEmpty()) {
            return;
        }
        Position next = entries.getLast().next();
        if (next.compareTo(cursor) <= 0) {
            return;
        }
        for (Entry entry : entries) {
            if (entry.start().compareTo(cursor) >= 0) {
                pending--;
            }
        }
        cursor = next;
        writeCursor();
        while (segments.size() > 1 && segments.firstKey() < cursor.segment()) {
            Segment gone = segments.pollFirstEntry().getValue();
            totalBytes -= gone.bytes;
            deleteSegment(gone);
        }
        Segment first = segments.firstEntry().getValue();
        if (segments.size() > 1 && first.id == cursor.segment() && cursor.offset() >= first.bytes) {
            segments.pollFirstEntry();
            totalBytes -= first.bytes;
            cursor = new Position(segments.firstKey(), 0);
            writeCursor();
            deleteSegment(first);
        }
    }

    /** Records waiting to be published. */
    public synchronized long depth() {
        return pending;
    }

    /** Bytes on disk. */
    public synchronized long bytes() {
        return totalBytes;
    }

    @Override
    public synchronized void close() throws IOException {
        writer.close();
    }

    private Segment roll() throws IOException {
        writer.force(true);
        writer.close();
        long id = segments.lastKey() + 1;
        Segment segment = new Segment(id);
        segments.put(id, segment);
        writer = FileChannel.open(segmentPath(id), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        syncDirectory();
        return segment;
    }

    private void dropOldest() throws IOException {
        Segment oldest = segments.pollFirstEntry().getValue();
        int unsent = oldest.id == cursor.segment() ? oldest.records - recordsBefore(cursor) : oldest.records;
        totalBytes -= oldest.bytes;
        pending -= unsent;
        cursor = new Position(segments.firstKey(), 0);
        writeCursor();
        deleteSegment(oldest);
        drops.dropped(unsent, oldest.bytes);
    }

    /** How many records of the cursor's segment lie before the cursor. */
    private int recordsBefore(Position position) throws IOException {
        Segment segment = segments.get(position.segment());
        if (segment == null || position.offset() == 0) {
            return 0;
        }
        int records = 0;
        try (FileChannel ch = FileChannel.open(segmentPath(segment.id), StandardOpenOption.READ)) {
            long offset = 0;
            while (offset < position.offset()) {
                byte[] payload = read(ch, offset, segment.bytes);
                if (payload == null) {
                    break;
                }
                offset += HEADER + payload.length;
                records++;
            }
        }
        return records;
    }

    private Position readCursor() throws IOException {
        Path path = dir.resolve(CURSOR);
        if (!Files.exists(path)) {
            return new Position(segments.isEmpty() ? 0 : segments.firstKey(), 0);
        }
        String[] parts = Files.readString(path, StandardCharsets.US_ASCII).strip().split(" ");
        try {
            return new Position(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
        } catch (RuntimeException e) {
            LOG.warnf("spool cursor %s is unreadable ('%s'); sending every spooled trace again", path, String.join(" ", parts));
            return new Position(segments.isEmpty() ? 0 : segments.firstKey(), 0);
        }
    }

    private void writeCursor() throws IOException {
        Path tmp = dir.resolve(CURSOR + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(ByteBuffer.wrap((cursor.segment() + " " + cursor.offset() + "\n").getBytes(StandardCharsets.US_ASCII)));
            ch.force(true);
        }
        try {
            Files.move(tmp, dir.resolve(CURSOR), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, dir.resolve(CURSOR), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private void deleteSegment(Segment segment) throws IOException {
        Files.deleteIfExists(segmentPath(segment.id));
    }

    private void syncDirectory() {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // Not every file system lets a directory be synced; the files themselves are.
        }
    }

    private Path segmentPath(long id) {
        return dir.resolve("%020d%s".formatted(id, SUFFIX));
    }

    private static int crc32(byte[] payload) {
        CRC32 crc = new CRC32();
        crc.update(payload);
        return (int) crc.getValue();
    }
}
