package io.smoketrace.bgp.codec.mrt;

import io.smoketrace.bgp.codec.bgp.BgpMessage;

import java.net.InetAddress;
import java.util.Optional;

/**
 * A BGP4MP or BGP4MP_ET message record (RFC 6396 4.4, RFC 8050): one BGP message seen on a session.
 *
 * @param malformation why the message could only be decoded in part (an UPDATE whose route fields break
 *                     off, which would reset a live session), empty for a well-formed message
 */
public record Bgp4mpMessage(MrtHeader header, long peerAs, long localAs, int interfaceIndex, InetAddress peerAddress,
                            InetAddress localAddress, BgpMessage message, Optional<String> malformation)
        implements MrtRecord {

    public static final int MESSAGE = 1;
    public static final int MESSAGE_AS4 = 4;
    public static final int MESSAGE_LOCAL = 6;
    public static final int MESSAGE_AS4_LOCAL = 7;
    public static final int MESSAGE_ADDPATH = 8;
    public static final int MESSAGE_AS4_ADDPATH = 9;
    public static final int MESSAGE_LOCAL_ADDPATH = 10;
    public static final int MESSAGE_AS4_LOCAL_ADDPATH = 11;

    /** Whether the local speaker sent the message (the *_LOCAL subtypes) rather than received it. */
    public boolean sentByLocal() {
        return isLocal(header.subtype());
    }

    public boolean fourOctetAs() {
        return isAs4(header.subtype());
    }

    public boolean addPath() {
        return isAddPath(header.subtype());
    }

    static boolean isLocal(int subtype) {
        return subtype == MESSAGE_LOCAL || subtype == MESSAGE_AS4_LOCAL
                || subtype == MESSAGE_LOCAL_ADDPATH || subtype == MESSAGE_AS4_LOCAL_ADDPATH;
    }

    static boolean isAs4(int subtype) {
        return subtype == MESSAGE_AS4 || subtype == MESSAGE_AS4_LOCAL
                || subtype == MESSAGE_AS4_ADDPATH || subtype == MESSAGE_AS4_LOCAL_ADDPATH;
    }

    static boolean isAddPath(int subtype) {
        return subtype >= MESSAGE_ADDPATH && subtype <= MESSAGE_AS4_LOCAL_ADDPATH;
    }
}
