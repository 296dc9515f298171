package io.smoketrace.bgp.speaker;

/** The TCP connection under one {@link BgpSession}. */
public interface SessionTransport {

    /** Writes one encoded message. */
    void send(byte[] message);

    /** Closes the connection (after what was sent is written). */
    void close();
}
