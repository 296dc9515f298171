package io.smoketrace.bgp.codec.mrt;

import java.net.InetAddress;

/**
 * A BGP4MP or BGP4MP_ET STATE_CHANGE record: a session's FSM moved from one state to another.
 */
public record Bgp4mpStateChange(MrtHeader header, long peerAs, long localAs, int interfaceIndex, InetAddress peerAddress,
                                InetAddress localAddress, int oldState, int newState) implements MrtRecord {

    public static final int STATE_CHANGE = 0;
    public static final int STATE_CHANGE_AS4 = 5;

    public static final int IDLE = 1;
    public static final int CONNECT = 2;
    public static final int ACTIVE = 3;
    public static final int OPEN_SENT = 4;
    public static final int OPEN_CONFIRM = 5;
    public static final int ESTABLISHED = 6;
}
