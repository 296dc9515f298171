package io.smoketrace.bgp.codec.mrt;

import io.smoketrace.bgp.codec.WireReader;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * Reads MRT records one at a time from a stream (plain, gzip or bzip2) in constant memory. A truncated,
 * corrupt or unsupported record is handed to the error listener with its offset and skipped; when its
 * length cannot be trusted, reading resynchronises on the next plausible record header.
 */
public final class MrtReader implements Closeable {

    /** Records longer than this are taken as corrupt lengths rather than buffered. */
    public static final int MAX_RECORD_LENGTH = 16 << 20;

    private static final int CHUNK = 1 << 16;

    private final InputStream in;
    private final Consumer<MrtDecodeException> errors;
    private byte[] buffer = new byte[4 * CHUNK];
    private int position;
    private int limit;
    /** File offset of {@code buffer[0]}. */
    private long bufferOffset;
    private boolean endOfStream;
    private PeerIndexTable peerIndexTable;

    /**
     * @param in     the MRT octets, already decompressed (see {@link #decompressing(InputStream)})
     * @param errors receives each record that is skipped, in file order
     */
    public MrtReader(InputStream in, Consumer<MrtDecodeException> errors) {
        this.in = in;
        this.errors = errors;
    }

    /** Opens a file, recognising gzip and bzip2 by their magic numbers. */
    public static MrtReader open(Path file, Consumer<MrtDecodeException> errors) throws IOException {
        return new MrtReader(decompressing(Files.newInputStream(file)), errors);
    }

    /** Wraps a stream in a gzip or bzip2 decompressor when its first octets say it is compressed. */
    public static InputStream decompressing(InputStream raw) throws IOException {
        PushbackInputStream in = new PushbackInputStream(raw, 3);
        byte[] magic = in.readNBytes(3);
        in.unread(magic);
        if (magic.length >= 2 && (magic[0] & 0xFF) == 0x1F && (magic[1] & 0xFF) == 0x8B) {
            return new GZIPInputStream(in, CHUNK);
        }
        if (magic.length == 3 && magic[0] == 'B' && magic[1] == 'Z' && magic[2] == 'h') {
            return new BZip2CompressorInputStream(in, true);
        }
        return in;
    }

    /** The most recent PEER_INDEX_TABLE, which the entries of later RIB records point into. */
    public Optional<PeerIndexTable> peerIndexTable() {
        return Optional.ofNullable(peerIndexTable);
    }

    /** The next record, or empty at the end of the stream. Bad records go to the error listener. */
    public Optional<MrtRecord> next() throws IOException {
        while (true) {
            if (!ensure(MrtHeader.LENGTH)) {
                if (limit > position) {
                    report("file ends " + (limit - position) + " octets into a record header", offset());
                    position = limit;
                }
                return Optional.empty();
            }
            long offset = offset();
            int type = u16(position + 4);
            int subtype = u16(position + 6);
            long length = u32(position + 8);
            if (!plausibleLength(type, length)) {
                report("implausible record length " + length + " (type " + type + " subtype " + subtype
                        + "); resynchronising", offset);
                resynchronise();
                continue;
            }
            int total = MrtHeader.LENGTH + (int) length;
            if (!MrtRecordDecoder.isSupported(type, subtype) && !nextRecordPlausibleAt(total)) {
                report("no valid record header (type " + type + " subtype " + subtype + "); resynchronising", offset);
                resynchronise();
                continue;
            }
            if (!ensure(total)) {
                report("record declares " + length + " octets but the file ends after " + (limit - position - MrtHeader.LENGTH), offset);
                position = limit;
                return Optional.empty();
            }
            try {
                MrtRecord record = decode(offset, type, subtype, length);
                position += total;
                return Optional.of(record);
            } catch (MrtDecodeException bad) {
                errors.accept(bad);
                if (nextRecordPlausibleAt(total)) {
                    position += total;
                } else {
                    resynchronise();
                }
            }
        }
    }

    private MrtRecord decode(long offset, int type, int subtype, long length) throws MrtDecodeException {
        int bodyStart = position + MrtHeader.LENGTH;
        int bodyLength = (int) length;
        int microseconds = 0;
        if (MrtHeader.hasExtendedTimestamp(type)) {
            microseconds = (int) u32(bodyStart);
            bodyStart += 4;
            bodyLength -= 4;
        }
        MrtHeader header = new MrtHeader(offset, u32(position), microseconds, type, subtype, length);
        MrtRecord record = MrtRecordDecoder.decode(header, new WireReader(buffer, bodyStart, bodyLength));
        switch (record) {
            case PeerIndexTable table -> peerIndexTable = table;
            case RibRecord rib -> checkPeerIndexes(rib);
            default -> { }
        }
        return record;
    }

    private void checkPeerIndexes(RibRecord rib) throws MrtDecodeException {
        int peers = peerIndexTable == null ? 0 : peerIndexTable.peers().size();
        for (RibRecord.RibEntry entry : rib.entries()) {
            if (entry.peerIndex() >= peers) {
                throw new MrtDecodeException(peerIndexTable == null
                        ? "RIB entry before any PEER_INDEX_TABLE"
                        : "peer index " + entry.peerIndex() + " outside the PEER_INDEX_TABLE of " + peers + " peers",
                        rib.header().offset());
            }
        }
    }

    private static boolean plausibleLength(int type, long length) {
        return length <= MAX_RECORD_LENGTH && (!MrtHeader.hasExtendedTimestamp(type) || length >= 4);
    }

    /** Whether a supported record header (or the end of the stream) follows {@code distance} octets ahead. */
    private boolean nextRecordPlausibleAt(int distance) throws IOException {
        if (!ensure(distance + MrtHeader.LENGTH)) {
            return true;
        }
        return plausibleHeaderAt(position + distance);
    }

    private boolean plausibleHeaderAt(int at) {
        int type = u16(at + 4);
        return MrtRecordDecoder.isSupported(type, u16(at + 6)) && plausibleLength(type, u32(at + 8));
    }

    /** Drops octets one at a time until a plausible header starts, or the stream ends. */
    private void resynchronise() throws IOException {
        position++;
        while (ensure(MrtHeader.LENGTH)) {
            if (plausibleHeaderAt(position)) {
                return;
            }
            position++;
        }
    }

    private long offset() {
        return bufferOffset + position;
    }

    private void report(String reason, long offset) {
        errors.accept(new MrtDecodeException(reason, offset));
    }

    /** Makes {@code count} octets available from {@code position}; false if the stream ends first. */
    private boolean ensure(int count) throws IOException {
        if (limit - position >= count) {
            return true;
        }
        if (position > 0) {
            System.arraycopy(buffer, position, buffer, 0, limit - position);
            bufferOffset += position;
            limit -= position;
            position = 0;
        }
        if (count > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(count, buffer.length * 2));
        }
        while (limit < count && !endOfStream) {
            int read = in.read(buffer, limit, buffer.length - limit);
            if (read < 0) {
                endOfStream = true;
            } else {
                limit += read;
            }
        }
        return limit >= count;
    }

    private int u16(int at) {
        return (buffer[at] & 0xFF) << 8 | buffer[at + 1] & 0xFF;
    }

    private long u32(int at) {
        return Integer.toUnsignedLong((buffer[at] & 0xFF) << 24 | (buffer[at + 1] & 0xFF) << 16
                | (buffer[at + 2] & 0xFF) << 8 | buffer[at + 3] & 0xFF);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
