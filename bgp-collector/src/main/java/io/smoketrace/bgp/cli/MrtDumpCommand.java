package io.smoketrace.bgp.cli;

import io.smoketrace.bgp.codec.mrt.Bgp4mpMessage;
import io.smoketrace.bgp.codec.mrt.MrtDecodeException;
import io.smoketrace.bgp.codec.mrt.MrtReader;
import io.smoketrace.bgp.codec.mrt.MrtRecord;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code mrt-dump FILE|-}: prints an MRT file (plain, gzip or bzip2) one route per line, in the format
 * of {@code bgpdump -m}. Records that cannot be decoded are reported on stderr with their offset and
 * skipped; a file in which no record decodes at all is bad input.
 */
final class MrtDumpCommand implements Command {

    @Override
    public String name() {
        return "mrt-dump";
    }

    @Override
    public String usage() {
        return "FILE|-  print an MRT file one route per line, like bgpdump -m";
    }

    @Override
    public int run(List<String> arguments, InputStream stdin, PrintStream out, PrintStream err) {
        if (arguments.size() != 1) {
            err.println("mrt-dump: expected exactly one FILE, or - for standard input");
            return EXIT_USAGE;
        }
        String source = arguments.getFirst();
        Problems problems = new Problems(err, source);
        long records = 0;
        try (InputStream raw = source.equals("-") ? stdin : Files.newInputStream(Path.of(source));
             MrtReader reader = new MrtReader(MrtReader.decompressing(raw), problems::skipped);
             AsciiOutput text = new AsciiOutput(out)) {
            BgpdumpFormat format = new BgpdumpFormat(text);
            for (Optional<MrtRecord> record = reader.next(); record.isPresent(); record = reader.next()) {
                records++;
                if (record.get() instanceof Bgp4mpMessage message && message.malformation().isPresent()) {
                    problems.partial(message);
                }
                format.write(record.get(), reader.peerIndexTable());
            }
        } catch (NoSuchFileException missing) {
            err.println("mrt-dump: " + source + ": no such file");
            return EXIT_BAD_INPUT;
        } catch (IOException unreadable) {
            err.println("mrt-dump: " + source + ": " + unreadable.getMessage());
            return EXIT_BAD_INPUT;
        }
        // Some bad records in a real archive are normal; a file where nothing decodes is not MRT at all.
        return records == 0 && problems.skipped > 0 ? EXIT_BAD_INPUT : EXIT_OK;
    }

    /** Reports records that were skipped or printed only in part. */
    private static final class Problems {

        private final PrintStream err;
        private final String source;
        private long skipped;

        Problems(PrintStream err, String source) {
            this.err = err;
            this.source = source;
        }

        void skipped(MrtDecodeException error) {
            skipped++;
            err.println("mrt-dump: " + source + ": " + error.getMessage());
        }

        void partial(Bgp4mpMessage message) {
            err.println("mrt-dump: " + source + ": MRT record at offset " + message.header().offset()
                    + ": printing the part before: " + message.malformation().orElseThrow());
        }
    }
}
