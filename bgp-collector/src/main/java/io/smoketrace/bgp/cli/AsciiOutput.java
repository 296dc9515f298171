package io.smoketrace.bgp.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A buffered writer of ASCII text that formats numbers and addresses straight into its buffer, so that
 * printing millions of routes creates no strings.
 */
final class AsciiOutput implements AutoCloseable {

    private static final byte[][] OCTETS = new byte[256][];

    static {
        for (int i = 0; i < 256; i++) {
            OCTETS[i] = Integer.toString(i).getBytes(StandardCharsets.US_ASCII);
        }
    }

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private final OutputStream out;
    private final byte[] buffer = new byte[1 << 16];
    private int size;

    AsciiOutput(OutputStream out) {
        this.out = out;
    }

    AsciiOutput append(char c) throws IOException {
        room(1);
        buffer[size++] = (byte) c;
        return this;
    }

    AsciiOutput append(String ascii) throws IOException {
        int length = ascii.length();
        if (length > buffer.length) {
            flush();
            out.write(ascii.getBytes(StandardCharsets.UTF_8));
            return this;
        }
        room(length);
        for (int i = 0; i < length; i++) {
            buffer[size++] = (byte) ascii.charAt(i);
        }
        return this;
    }

    AsciiOutput append(byte[] ascii) throws IOException {
        room(ascii.length);
        System.arraycopy(ascii, 0, buffer, size, ascii.length);
        size += ascii.length;
        return this;
    }

    /** A non-negative number in decimal. */
    AsciiOutput appendDecimal(long value) throws IOException {
        room(20);
        if (value == 0) {
            buffer[size++] = '0';
            return this;
        }
        int end = size + digits(value);
        int at = end;
        while (value > 0) {
            buffer[--at] = (byte) ('0' + value % 10);
            value /= 10;
        }
        size = end;
        return this;
    }

    /** A number in decimal, zero-padded to {@code width} digits. */
    AsciiOutput appendPadded(long value, int width) throws IOException {
        for (int pad = width - digits(value); pad > 0; pad--) {
            append('0');
        }
        return appendDecimal(value);
    }

    AsciiOutput appendSigned(int value) throws IOException {
        if (value < 0) {
            append('-');
            return appendDecimal(-(long) value);
        }
        return appendDecimal(value);
    }

    AsciiOutput appendIpv4(byte[] address, int offset) throws IOException {
        for (int i = 0; i < 4; i++) {
            if (i > 0) {
                append('.');
            }
            append(OCTETS[address[offset + i] & 0xFF]);
        }
        return this;
    }

    /** A 16-bit group in lower-case hex without leading zeros. */
    AsciiOutput appendHexGroup(int group) throws IOException {
        room(4);
        boolean started = false;
        for (int shift = 12; shift >= 0; shift -= 4) {
            int nibble = group >>> shift & 0xF;
            if (started || nibble != 0 || shift == 0) {
                buffer[size++] = HEX[nibble];
                started = true;
            }
        }
        return this;
    }

    /** How many decimal digits a non-negative number has. */
    static int digits(long value) {
        int digits = 1;
        while (value >= 10) {
            value /= 10;
            digits++;
        }
        return digits;
    }

    private void room(int count) throws IOException {
        if (size + count > buffer.length) {
            flush();
        }
    }

    void flush() throws IOException {
        out.write(buffer, 0, size);
        size = 0;
        out.flush();
    }

    @Override
    public void close() throws IOException {
        flush();
    }
}
