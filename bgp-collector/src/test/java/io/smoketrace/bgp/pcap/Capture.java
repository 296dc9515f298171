package io.smoketrace.bgp.pcap;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small pcap/pcapng reader for tests: extracts TCP payloads from Ethernet, Linux cooked (v1, v2),
 * raw IP, PPP and Juniper Ethernet captures, and reassembles each direction of each connection by
 * sequence number.
 */
public final class Capture {

    /** One direction of a TCP connection. */
    public record Flow(InetAddress source, int sourcePort, InetAddress destination, int destinationPort) {
        @Override
        public String toString() {
            return source.getHostAddress() + ":" + sourcePort + " > " + destination.getHostAddress() + ":" + destinationPort;
        }
    }

    /** The reassembled payload of one direction, and whether sequence-number holes had to be skipped. */
    public record Stream(Flow flow, byte[] payload, int holes) {
    }

    private record Segment(long sequence, boolean syn, byte[] payload) {
    }

    private static final int LINK_NULL = 0;
    private static final int LINK_ETHERNET = 1;
    private static final int LINK_PPP = 9;
    private static final int LINK_RAW = 101;
    private static final int LINK_RAW_OPENBSD = 12;
    private static final int LINK_RAW_14 = 14;
    private static final int LINK_LINUX_SLL = 113;
    private static final int LINK_JUNIPER_ETHER = 178;
    private static final int LINK_IPV4 = 228;
    private static final int LINK_IPV6 = 229;
    private static final int LINK_LINUX_SLL2 = 276;

    private final Map<Flow, List<Segment>> segments = new LinkedHashMap<>();
    private final List<byte[]> payloads = new ArrayList<>();
    private int packets;

    private Capture() {
    }

    public static Capture read(InputStream in) {
        try {
            Capture capture = new Capture();
            ByteBuffer file = ByteBuffer.wrap(in.readAllBytes());
            int magic = file.getInt(0);
            if (magic == 0x0A0D0D0A) {
                capture.readPcapng(file);
            } else {
                capture.readPcap(file);
            }
            return capture;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int packets() {
        return packets;
    }

    /** Every direction that carried payload, in order of first appearance. */
    public List<Stream> streams() {
        List<Stream> streams = new ArrayList<>();
        segments.forEach((flow, list) -> {
            Stream stream = reassemble(flow, list);
            if (stream.payload().length > 0) {
                streams.add(stream);
            }
        });
        return streams;
    }

    /** Each TCP segment's payload in capture order, for captures of unrelated hand-made packets. */
    public List<byte[]> payloads() {
        return List.copyOf(payloads);
    }

    /** The directions towards a TCP port. */
    public List<Stream> streamsTo(int port) {
        return streams().stream().filter(s -> s.flow().destinationPort() == port).toList();
    }

    private void readPcap(ByteBuffer file) {
        int magic = file.order(ByteOrder.BIG_ENDIAN).getInt(0);
        if (magic != 0xA1B2C3D4 && magic != 0xA1B23C4D) {
            file.order(ByteOrder.LITTLE_ENDIAN);
        }
        int linkType = file.getInt(20) & 0x0FFFFFFF;
        int at = 24;
        while (at + 16 <= file.limit()) {
            int captured = file.getInt(at + 8);
            byte[] data = Arrays.copyOfRange(file.array(), at + 16, Math.min(file.limit(), at + 16 + captured));
            packet(linkType, data);
            at += 16 + captured;
        }
    }

    private ByteOrder sectionOrder = ByteOrder.BIG_ENDIAN;

    private void readPcapng(ByteBuffer file) {
        List<Integer> linkTypes = new ArrayList<>();
        int at = 0;
        while (at + 12 <= file.limit()) {
            // The section header's type reads the same in both byte orders; its magic tells the order.
            if (file.order(ByteOrder.BIG_ENDIAN).getInt(at) == 0x0A0D0D0A) {
                file.order(file.getInt(at + 8) == 0x1A2B3C4D ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
                linkTypes.clear();
            } else {
                file.order(sectionOrder);
            }
            sectionOrder = file.order();
            int type = file.getInt(at);
            int length = file.getInt(at + 4);
            switch (type) {
                case 1 -> linkTypes.add(file.getShort(at + 8) & 0xFFFF);
                case 6 -> {
                    int interfaceId = file.getInt(at + 8);
                    int captured = file.getInt(at + 20);
                    packet(linkTypes.get(interfaceId), Arrays.copyOfRange(file.array(), at + 28, at + 28 + captured));
                }
                case 3 -> {
                    int captured = Math.min(file.getInt(at + 8), length - 16);
                    packet(linkTypes.getFirst(), Arrays.copyOfRange(file.array(), at + 12, at + 12 + captured));
                }
                default -> { }
            }
            at += length;
        }
    }

    private void packet(int linkType, byte[] data) {
        packets++;
        ByteBuffer frame = ByteBuffer.wrap(data);
        switch (linkType) {
            case LINK_ETHERNET -> ethernet(frame, 0);
            case LINK_LINUX_SLL -> ethertype(frame, frame.getShort(14) & 0xFFFF, 16);
            case LINK_LINUX_SLL2 -> ethertype(frame, frame.getShort(0) & 0xFFFF, 20);
            case LINK_RAW, LINK_RAW_OPENBSD, LINK_RAW_14, LINK_IPV4, LINK_IPV6 -> ip(frame, 0);
            case LINK_NULL -> ip(frame, 4);
            case LINK_PPP -> {
                int at = (data[0] & 0xFF) == 0xFF && data[1] == 0x03 ? 2 : 0;
                int protocol = frame.getShort(at) & 0xFFFF;
                if (protocol == 0x0021 || protocol == 0x0057) {
                    ip(frame, at + 2);
                }
            }
            case LINK_JUNIPER_ETHER -> {
                int flags = data[3] & 0xFF;
                int at = 4;
                if ((flags & 0x80) != 0) {
                    at += 2 + (frame.getShort(4) & 0xFFFF);
                }
                ethernet(frame, at);
            }
            default -> throw new IllegalArgumentException("link type " + linkType + " not supported");
        }
    }

    private void ethernet(ByteBuffer frame, int at) {
        int type = frame.getShort(at + 12) & 0xFFFF;
        int payload = at + 14;
        while (type == 0x8100 || type == 0x88A8) {
            type = frame.getShort(payload + 2) & 0xFFFF;
            payload += 4;
        }
        ethertype(frame, type, payload);
    }

    private void ethertype(ByteBuffer frame, int type, int at) {
        if (type == 0x0800 || type == 0x86DD) {
            ip(frame, at);
        }
    }

    private void ip(ByteBuffer frame, int at) {
        int version = (frame.get(at) & 0xFF) >>> 4;
        if (version == 4) {
            int headerLength = (frame.get(at) & 0x0F) * 4;
            int totalLength = frame.getShort(at + 2) & 0xFFFF;
            if (frame.get(at + 9) == 6) {
                tcp(frame, address(frame, at + 12, 4), address(frame, at + 16, 4), at + headerLength,
                        Math.min(frame.limit(), at + totalLength));
            }
        } else if (version == 6) {
            int payloadLength = frame.getShort(at + 4) & 0xFFFF;
            if (frame.get(at + 6) == 6) {
                tcp(frame, address(frame, at + 8, 16), address(frame, at + 24, 16), at + 40,
                        Math.min(frame.limit(), at + 40 + payloadLength));
            }
        }
    }

    private void tcp(ByteBuffer frame, InetAddress source, InetAddress destination, int at, int end) {
        int sourcePort = frame.getShort(at) & 0xFFFF;
        int destinationPort = frame.getShort(at + 2) & 0xFFFF;
        long sequence = Integer.toUnsignedLong(frame.getInt(at + 4));
        int dataOffset = ((frame.get(at + 12) & 0xFF) >>> 4) * 4;
        boolean syn = (frame.get(at + 13) & 0x02) != 0;
        byte[] payload = at + dataOffset < end ? Arrays.copyOfRange(frame.array(), at + dataOffset, end) : new byte[0];
        segments.computeIfAbsent(new Flow(source, sourcePort, destination, destinationPort), f -> new ArrayList<>())
                .add(new Segment(sequence, syn, payload));
        if (payload.length > 0) {
            payloads.add(payload);
        }
    }

    private static InetAddress address(ByteBuffer frame, int at, int length) {
        try {
            return InetAddress.getByAddress(Arrays.copyOfRange(frame.array(), at, at + length));
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static Stream reassemble(Flow flow, List<Segment> list) {
        long base = list.stream().filter(Segment::syn).mapToLong(s -> s.sequence() + 1).findFirst()
                .orElse(list.getFirst().sequence());
        // Positions relative to the base, wrapping like TCP sequence numbers do.
        record Placed(long start, byte[] payload) {
        }
        List<Placed> placed = list.stream().filter(s -> s.payload().length > 0)
                .map(s -> new Placed((int) (s.sequence() - base), s.payload()))
                .sorted(Comparator.comparingLong(Placed::start)).toList();
        if (placed.isEmpty()) {
            return new Stream(flow, new byte[0], 0);
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        long next = placed.getFirst().start();
        int holes = 0;
        for (Placed segment : placed) {
            long end = segment.start() + segment.payload().length;
            if (end <= next) {
                continue;
            }
            if (segment.start() > next) {
                holes++;
                next = segment.start();
            }
            int skip = (int) (next - segment.start());
            out.write(segment.payload(), skip, segment.payload().length - skip);
            next = end;
        }
        return new Stream(flow, out.toByteArray(), holes);
    }
}
