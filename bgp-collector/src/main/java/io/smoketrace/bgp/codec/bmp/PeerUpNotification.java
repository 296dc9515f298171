package io.smoketrace.bgp.codec.bmp;

import io.smoketrace.bgp.codec.IpAddresses;
import io.smoketrace.bgp.codec.WireWriter;
import io.smoketrace.bgp.codec.bgp.DecodeContext;
import io.smoketrace.bgp.codec.bgp.OpenMessage;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;

/**
 * Peer Up Notification: a monitored session came up, with both OPEN messages and the TCP endpoints.
 *
 * @param sentOpen     the OPEN the monitored router sent
 * @param receivedOpen the OPEN the monitored router received from the peer
 */
public record PeerUpNotification(PeerHeader peer, InetAddress localAddress, int localPort, int remotePort,
                                 OpenMessage sentOpen, OpenMessage receivedOpen, List<InformationTlv> information)
        implements BmpMessage {

    public static final int TYPE = 3;

    static final BmpMessageCodec<PeerUpNotification> CODEC = new BmpMessageCodec<>(TYPE,
            (body, peers) -> {
                PeerHeader peer = PeerHeader.decode(body);
                byte[] address = body.bytes(16);
                InetAddress local = IpAddresses.fromOctets(peer.isIpv6() ? address : Arrays.copyOfRange(address, 12, 16));
                int localPort = body.u16();
                int remotePort = body.u16();
                OpenMessage sent = BgpPdus.read(body, DecodeContext.INITIAL, OpenMessage.class);
                OpenMessage received = BgpPdus.read(body, DecodeContext.INITIAL, OpenMessage.class);
                return new PeerUpNotification(peer, local, localPort, remotePort, sent, received,
                        InformationTlv.decodeAll(body));
            },
            PeerUpNotification::encode);

    public PeerUpNotification {
        information = List.copyOf(information);
    }

    @Override
    public int type() {
        return TYPE;
    }

    /** What the monitored session negotiated, which decides how its Route Monitoring UPDATEs decode. */
    public DecodeContext negotiated() {
        return DecodeContext.negotiated(sentOpen, receivedOpen);
    }

    private static void encode(PeerUpNotification message, WireWriter out) {
        message.peer.encode(out);
        byte[] address = message.localAddress.getAddress();
        if (address.length == 4) {
            out.bytes(new byte[12]);
        }
        out.bytes(address).u16(message.localPort).u16(message.remotePort);
        BgpPdus.write(message.sentOpen, DecodeContext.INITIAL, out);
        BgpPdus.write(message.receivedOpen, DecodeContext.INITIAL, out);
        InformationTlv.encodeAll(message.information, out);
    }
}
