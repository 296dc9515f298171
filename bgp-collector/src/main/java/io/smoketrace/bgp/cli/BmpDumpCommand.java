package io.smoketrace.bgp.cli;

import io.smoketrace.bgp.codec.bmp.BmpDecodeException;
import io.smoketrace.bgp.codec.bmp.BmpMessage;
import io.smoketrace.bgp.codec.bmp.BmpStreamDecoder;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code bmp-dump FILE|-}: decodes a raw BMP byte stream, as a router sends it on the TCP session, into
 * one JSON object per line. A malformed message becomes a line with an {@code error}; a stream that
 * cannot be cut into messages any more ends the command with exit code 1.
 */
final class BmpDumpCommand implements Command {

    @Override
    public String name() {
        return "bmp-dump";
    }

    @Override
    public String usage() {
        return "FILE|-  decode a raw BMP stream into one JSON line per message";
    }

    @Override
    public int run(List<String> arguments, InputStream stdin, PrintStream out, PrintStream err) {
        if (arguments.size() != 1) {
            err.println("bmp-dump: expected exactly one FILE, or - for standard input");
            return EXIT_USAGE;
        }
        String source = arguments.getFirst();
        BmpJson json = new BmpJson();
        BmpStreamDecoder decoder = new BmpStreamDecoder();
        byte[] chunk = new byte[1 << 16];
        try (InputStream in = source.equals("-") ? stdin : Files.newInputStream(Path.of(source))) {
            for (int read = in.read(chunk); read >= 0; read = in.read(chunk)) {
                decoder.feed(chunk, 0, read);
                if (!drain(decoder, json, out, err, source)) {
                    return EXIT_BAD_INPUT;
                }
            }
        } catch (NoSuchFileException missing) {
            err.println("bmp-dump: " + source + ": no such file");
            return EXIT_BAD_INPUT;
        } catch (IOException unreadable) {
            err.println("bmp-dump: " + source + ": " + unreadable.getMessage());
            return EXIT_BAD_INPUT;
        }
        out.flush();
        if (decoder.buffered() > 0) {
            err.println("bmp-dump: " + source + ": offset " + decoder.streamOffset() + ": stream ends "
                    + decoder.buffered() + " octets into a message");
            return EXIT_BAD_INPUT;
        }
        return EXIT_OK;
    }

    /** Prints every whole message buffered so far; false once the stream's framing is lost. */
    private static boolean drain(BmpStreamDecoder decoder, BmpJson json, PrintStream out, PrintStream err, String source)
            throws IOException {
        while (true) {
            long offset = decoder.streamOffset();
            try {
                Optional<BmpMessage> message = decoder.next();
                if (message.isEmpty()) {
                    return true;
                }
                out.println(json.message(offset, message.get()));
            } catch (BmpDecodeException malformed) {
                out.println(json.error(malformed.streamOffset(), malformed.getMessage()));
                err.println("bmp-dump: " + source + ": " + malformed.getMessage());
                if (malformed.framingLost()) {
                    return false;
                }
            }
        }
    }
}
