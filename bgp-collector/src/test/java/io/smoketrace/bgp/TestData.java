package io.smoketrace.bgp;

import io.smoketrace.bgp.pcap.Capture;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/**
 * The copied test data under {@code src/test/resources/testdata} (see SOURCES.md there).
 */
public final class TestData {

    private TestData() {
    }

    public static Path path(String relative) {
        URL url = TestData.class.getResource("/testdata/" + relative);
        if (url == null) {
            throw new IllegalArgumentException("no test data " + relative);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static InputStream open(String relative) {
        InputStream in = TestData.class.getResourceAsStream("/testdata/" + relative);
        if (in == null) {
            throw new IllegalArgumentException("no test data " + relative);
        }
        return in;
    }

    public static byte[] bytes(String relative) {
        try (InputStream in = open(relative)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Capture capture(String relative) {
        try (InputStream in = open(relative)) {
            return Capture.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
