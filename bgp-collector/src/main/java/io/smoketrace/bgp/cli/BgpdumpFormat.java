package io.smoketrace.bgp.cli;

import io.smoketrace.bgp.codec.Octets;
import io.smoketrace.bgp.codec.bgp.AfiSafi;
import io.smoketrace.bgp.codec.bgp.IpPrefix;
import io.smoketrace.bgp.codec.bgp.Nlri;
import io.smoketrace.bgp.codec.bgp.UpdateMessage;
import io.smoketrace.bgp.codec.bgp.attribute.Aggregator;
import io.smoketrace.bgp.codec.bgp.attribute.AsPath;
import io.smoketrace.bgp.codec.bgp.attribute.AsPathSegment;
import io.smoketrace.bgp.codec.bgp.attribute.Communities;
import io.smoketrace.bgp.codec.bgp.attribute.LocalPref;
import io.smoketrace.bgp.codec.bgp.attribute.MpReachNlri;
import io.smoketrace.bgp.codec.bgp.attribute.MpUnreachNlri;
import io.smoketrace.bgp.codec.bgp.attribute.MultiExitDisc;
import io.smoketrace.bgp.codec.bgp.attribute.PathAttributes;
import io.smoketrace.bgp.codec.mrt.Bgp4mpMessage;
import io.smoketrace.bgp.codec.mrt.Bgp4mpStateChange;
import io.smoketrace.bgp.codec.mrt.MrtHeader;
import io.smoketrace.bgp.codec.mrt.MrtRecord;
import io.smoketrace.bgp.codec.mrt.PeerIndexTable;
import io.smoketrace.bgp.codec.mrt.RibRecord;
import io.smoketrace.bgp.codec.mrt.TableDumpEntry;

import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * Prints MRT records exactly as {@code bgpdump -m} (Debian bgpdump 1.6.2) does, one line per route.
 * Where bgpdump has quirks, this reproduces them on purpose, and says so: the output is compared
 * line for line with bgpdump's by tooling that depends on it.
 */
final class BgpdumpFormat {

    private static final String AS_PATH_ERROR = "! Error !";
    /** bgpdump stops an AS path at 100 characters short of its 8000-character buffer. */
    private static final int AS_PATH_TEXT_LIMIT = 8000 - 100;
    /** bgpdump builds the communities text in a BUFSIZ buffer and drops what does not fit. */
    private static final int COMMUNITIES_TEXT_LIMIT = 8192 - 1;
    private static final byte[] NO_NEXT_HOP = {(byte) 255, (byte) 255, (byte) 255, (byte) 255};

    private final AsciiOutput out;
    private final byte[] scratch = new byte[16];

    BgpdumpFormat(AsciiOutput out) {
        this.out = out;
    }

    void write(MrtRecord record, Optional<PeerIndexTable> peers) throws IOException {
        switch (record) {
            case TableDumpEntry entry -> tableDump(entry);
            case RibRecord rib -> {
                if (peers.isPresent()) {
                    rib(rib, peers.get());
                }
            }
            case Bgp4mpMessage message -> {
                if (message.message() instanceof UpdateMessage update) {
                    update(message, update);
                }
            }
            case Bgp4mpStateChange change -> stateChange(change);
            default -> { }
        }
    }

    private void tableDump(TableDumpEntry entry) throws IOException {
        lineStart("TABLE_DUMP", entry.header(), "B");
        boolean ipv6 = entry.header().subtype() == TableDumpEntry.SUBTYPE_AFI_IPV6;
        address(entry.peerAddress(), ipv6);
        out.append('|').appendDecimal(entry.peerAs()).append('|');
        prefix(entry.prefix());
        out.append('|');
        PathAttributes attributes = entry.attributes();
        asPathAndOrigin(attributes);
        // bgpdump reads an IPv6 next hop out of any MP_REACH_NLRI that is abbreviated or IPv6 unicast,
        // and prints it as IPv6 even when it holds 4 octets.
        Optional<MpReachNlri> reach = attributes.mpReachNlri()
                .filter(r -> ipv6 || AfiSafi.IPV6_UNICAST.equals(r.afiSafi()));
        if (reach.isPresent()) {
            ipv6(paddedNextHop(reach.get().nextHop()), 0);
        } else {
            classicNextHop(attributes);
        }
        out.append('|');
        preferenceAndMed(attributes, false);
        routeTail(attributes);
    }

    private void rib(RibRecord rib, PeerIndexTable peers) throws IOException {
        int subtype = rib.header().subtype();
        // bgpdump 1.6.2 prints only the unicast RIB subtypes; multicast and generic ones produce nothing.
        if (subtype != RibRecord.RIB_IPV4_UNICAST && subtype != RibRecord.RIB_IPV6_UNICAST
                && subtype != RibRecord.RIB_IPV4_UNICAST_ADDPATH && subtype != RibRecord.RIB_IPV6_UNICAST_ADDPATH) {
            return;
        }
        for (RibRecord.RibEntry entry : rib.entries()) {
            PeerIndexTable.Peer peer = peers.peers().get(entry.peerIndex());
            lineStart(rib.addPath() ? "TABLE_DUMP2_AP" : "TABLE_DUMP2", rib.header(), "B");
            address(peer.address(), peer.address().getAddress().length == 16);
            out.append('|').appendDecimal(peer.asNumber()).append('|');
            prefix(rib.prefix());
            out.append('|');
            if (rib.addPath()) {
                out.appendDecimal(entry.pathId().orElse(0)).append('|');
            }
            PathAttributes attributes = entry.attributes();
            asPathAndOrigin(attributes);
            Optional<MpReachNlri> reach = attributes.mpReachNlri()
                    .filter(r -> AfiSafi.IPV4_UNICAST.equals(r.afiSafi()) || AfiSafi.IPV6_UNICAST.equals(r.afiSafi()));
            if (reach.isEmpty() || !mpNextHop(reach.get().nextHop())) {
                classicNextHop(attributes);
            }
            out.append('|');
            preferenceAndMed(attributes, false);
            routeTail(attributes);
        }
    }

    private void update(Bgp4mpMessage record, UpdateMessage update) throws IOException {
        PathAttributes attributes = update.pathAttributes();
        Optional<MpUnreachNlri> unreach = attributes.mpUnreachNlri().filter(u -> u.afiSafi().carriesIpPrefixes());
        for (Nlri withdrawn : update.withdrawnRoutes()) {
            withdrawLine(record, withdrawn);
        }
        if (unreach.isPresent()) {
            for (Nlri withdrawn : unreach.get().withdrawnRoutes()) {
                withdrawLine(record, withdrawn);
            }
        }
        for (Nlri announced : update.nlri()) {
            announceLineStart(record, announced);
            asPathAndOrigin(attributes);
            classicNextHop(attributes);
            out.append('|');
            preferenceAndMed(attributes, false);
            routeTail(attributes);
        }
        Optional<MpReachNlri> reach = attributes.mpReachNlri().filter(r -> r.afiSafi().carriesIpPrefixes());
        if (reach.isEmpty()) {
            return;
        }
        Octets nextHop = reach.get().nextHop();
        boolean printableNextHop = nextHop.length() == 4 || nextHop.length() == 16 || nextHop.length() == 32;
        boolean ipv6Routes = reach.get().afiSafi().afi() == AfiSafi.AFI_IPV6;
        for (Nlri announced : reach.get().nlri()) {
            announceLineStart(record, announced);
            // With a next hop of odd length bgpdump leaves out the fields it would have printed with it.
            if (printableNextHop) {
                asPathAndOrigin(attributes);
                mpNextHop(nextHop);
                out.append('|');
                // bgpdump prints IPv4 MP routes' LOCAL_PREF and MED as signed numbers.
                preferenceAndMed(attributes, !ipv6Routes);
            } else if (!ipv6Routes) {
                asPathAndOrigin(attributes);
            }
            routeTail(attributes);
        }
    }

    private void announceLineStart(Bgp4mpMessage record, Nlri route) throws IOException {
        bgp4mpLineStart(record, "A", route.prefix().isIpv4());
        prefix(route.prefix());
        out.append('|');
        if (record.addPath()) {
            out.appendDecimal(route.pathId().orElse(0)).append('|');
        }
    }

    private void withdrawLine(Bgp4mpMessage record, Nlri route) throws IOException {
        bgp4mpLineStart(record, "W", route.prefix().isIpv4());
        prefix(route.prefix());
        if (record.addPath()) {
            out.append('|').appendDecimal(route.pathId().orElse(0));
        }
        out.append('\n');
    }

    /**
     * The line prefix and peer of a BGP4MP route line. bgpdump shows the peer of received messages and
     * of the *_LOCAL subtypes, but takes the *_LOCAL_ADDPATH subtypes for received ones, so there it
     * shows the local side; and it prints the IPv4 peer of an IPv6 withdrawal in a *_LOCAL record as
     * if it were IPv6.
     */
    private void bgp4mpLineStart(Bgp4mpMessage record, String kind, boolean ipv4Route) throws IOException {
        int subtype = record.header().subtype();
        boolean local = subtype == Bgp4mpMessage.MESSAGE_LOCAL || subtype == Bgp4mpMessage.MESSAGE_AS4_LOCAL;
        boolean showsLocalSide = subtype == Bgp4mpMessage.MESSAGE_LOCAL_ADDPATH
                || subtype == Bgp4mpMessage.MESSAGE_AS4_LOCAL_ADDPATH;
        StringBuilder format = new StringBuilder(record.header().type() == MrtHeader.BGP4MP_ET ? "BGP4MP_ET" : "BGP4MP");
        if (local) {
            format.append("_LOCAL");
        }
        if (record.addPath()) {
            format.append("_AP");
        }
        lineStart(format.toString(), record.header(), kind);
        InetAddress address = showsLocalSide ? record.localAddress() : record.peerAddress();
        boolean ipv6Session = address.getAddress().length == 16;
        if (!ipv6Session && local && kind.equals("W") && !ipv4Route) {
            byte[] padded = new byte[16];
            System.arraycopy(address.getAddress(), 0, padded, 0, 4);
            ipv6(padded, 0);
        } else {
            address(address, ipv6Session);
        }
        out.append('|').appendDecimal(showsLocalSide ? record.localAs() : record.peerAs()).append('|');
    }

    private void stateChange(Bgp4mpStateChange change) throws IOException {
        lineStart(change.header().type() == MrtHeader.BGP4MP_ET ? "BGP4MP_ET" : "BGP4MP", change.header(), "STATE");
        address(change.peerAddress(), change.peerAddress().getAddress().length == 16);
        out.append('|').appendDecimal(change.peerAs()).append('|').appendDecimal(change.oldState())
                .append('|').appendDecimal(change.newState()).append('\n');
    }

    private void lineStart(String format, MrtHeader header, String kind) throws IOException {
        out.append(format).append('|').appendDecimal(header.timestamp());
        if (header.type() == MrtHeader.BGP4MP_ET) {
            out.append('.').appendPadded(Integer.toUnsignedLong(header.microseconds()), 6);
        }
        out.append('|').append(kind).append('|');
    }

    private void asPathAndOrigin(PathAttributes attributes) throws IOException {
        Optional<AsPath> path = attributes.asPath();
        if (path.isPresent()) {
            asPath(path.get());
        } else if (attributes.errors().stream().anyMatch(error -> error.typeCode() == AsPath.TYPE)) {
            out.append(AS_PATH_ERROR);
        }
        out.append('|');
        int origin = attributes.origin().map(o -> o.value()).orElse(-1);
        out.append(origin == 0 ? "IGP" : origin == 1 ? "EGP" : "INCOMPLETE").append('|');
    }

    private void asPath(AsPath path) throws IOException {
        int written = 0;
        List<AsPathSegment> segments = path.segments();
        for (int s = 0; s < segments.size(); s++) {
            AsPathSegment segment = segments.get(s);
            AsPathSegment.Type type = segment.type();
            if (s > 0) {
                out.append(' ');
                written++;
            }
            char open = switch (type) {
                case AS_SET -> '{';
                case AS_CONFED_SEQUENCE -> '(';
                case AS_CONFED_SET -> '[';
                case AS_SEQUENCE -> 0;
            };
            if (open != 0) {
                out.append(open);
                written++;
            }
            for (int i = 0; i < segment.size(); i++) {
                if (i > 0) {
                    out.append(type.isSet() ? ',' : ' ');
                    written++;
                }
                long asNumber = segment.asNumber(i);
                out.appendDecimal(asNumber);
                written += AsciiOutput.digits(asNumber);
                if (written > AS_PATH_TEXT_LIMIT) {
                    out.append("...");
                    return;
                }
            }
            if (open != 0) {
                out.append(switch (type) {
                    case AS_SET -> '}';
                    case AS_CONFED_SEQUENCE -> ')';
                    default -> ']';
                });
                written++;
            }
        }
    }

    private void classicNextHop(PathAttributes attributes) throws IOException {
        Optional<InetAddress> nextHop = attributes.nextHop().map(n -> n.address());
        out.appendIpv4(nextHop.isPresent() ? nextHop.get().getAddress() : NO_NEXT_HOP, 0);
    }

    /** Prints an MP next hop the way bgpdump does: by its length alone, whatever the address family. */
    private boolean mpNextHop(Octets nextHop) throws IOException {
        switch (nextHop.length()) {
            case 4 -> {
                copy(nextHop, 4);
                out.appendIpv4(scratch, 0);
            }
            case 16, 32 -> {
                copy(nextHop, 16);
                ipv6(scratch, 0);
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    private byte[] paddedNextHop(Octets nextHop) {
        byte[] padded = new byte[16];
        if (nextHop.length() == 4 || nextHop.length() == 16 || nextHop.length() == 32) {
            for (int i = 0; i < Math.min(16, nextHop.length()); i++) {
                padded[i] = (byte) nextHop.get(i);
            }
        }
        return padded;
    }

    private void copy(Octets octets, int count) {
        for (int i = 0; i < count; i++) {
            scratch[i] = (byte) octets.get(i);
        }
    }

    private void preferenceAndMed(PathAttributes attributes, boolean signed) throws IOException {
        Optional<LocalPref> localPrefAttribute = attributes.localPref();
        Optional<MultiExitDisc> medAttribute = attributes.multiExitDisc();
        long localPref = localPrefAttribute.isPresent() ? localPrefAttribute.get().value() : 0;
        long med = medAttribute.isPresent() ? medAttribute.get().value() : 0;
        if (signed) {
            out.appendSigned((int) localPref).append('|').appendSigned((int) med).append('|');
        } else {
            out.appendDecimal(localPref).append('|').appendDecimal(med).append('|');
        }
    }

    /** Communities, atomic aggregate and aggregator: the fields every route line ends with. */
    private void routeTail(PathAttributes attributes) throws IOException {
        Optional<Communities> communities = attributes.communities();
        if (communities.isPresent()) {
            communities(communities.get());
        }
        out.append('|').append(attributes.atomicAggregate() ? "AG" : "NAG").append('|');
        Optional<Aggregator> aggregator = attributes.aggregator();
        if (aggregator.isPresent() && !isAllOnes(aggregator.get().address().getAddress())) {
            out.appendDecimal(aggregator.get().asNumber()).append(' ').appendIpv4(aggregator.get().address().getAddress(), 0);
        }
        out.append("|\n");
    }

    private static boolean isAllOnes(byte[] address) {
        return address[0] == -1 && address[1] == -1 && address[2] == -1 && address[3] == -1;
    }

    private void communities(Communities communities) throws IOException {
        List<Communities.Community> values = communities.values();
        // " 65535:65535" is the longest item: lists that cannot reach bgpdump's limit are printed directly.
        if (values.size() * 12 <= COMMUNITIES_TEXT_LIMIT) {
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) {
                    out.append(' ');
                }
                int value = values.get(i).value();
                switch (value) {
                    case 0xFFFFFF01 -> out.append("no-export");
                    case 0xFFFFFF02 -> out.append("no-advertise");
                    case 0xFFFFFF03 -> out.append("local-AS");
                    default -> out.appendDecimal(value >>> 16).append(':').appendDecimal(value & 0xFFFF);
                }
            }
            return;
        }
        StringBuilder text = new StringBuilder();
        for (Communities.Community community : values) {
            String item = switch (community.value()) {
                case 0xFFFFFF01 -> " no-export";
                case 0xFFFFFF02 -> " no-advertise";
                case 0xFFFFFF03 -> " local-AS";
                default -> null;
            };
            if (item != null) {
                if (text.length() + item.length() <= COMMUNITIES_TEXT_LIMIT) {
                    text.append(item);
                }
            } else {
                String numeric = " " + community.asNumber() + ":" + community.localValue();
                text.append(numeric, 0, Math.min(numeric.length(), COMMUNITIES_TEXT_LIMIT - text.length()));
            }
        }
        if (!text.isEmpty()) {
            out.append(text.substring(1));
        }
    }

    private void prefix(IpPrefix prefix) throws IOException {
        Octets address = prefix.address();
        copy(address, address.length());
        if (address.length() == 4) {
            out.appendIpv4(scratch, 0);
        } else {
            ipv6(scratch, 0);
        }
        out.append('/').appendDecimal(prefix.length());
    }

    private void address(InetAddress address, boolean ipv6) throws IOException {
        byte[] octets = address.getAddress();
        if (ipv6 && octets.length == 16) {
            ipv6(octets, 0);
        } else {
            out.appendIpv4(octets, octets.length - 4);
        }
    }

    /**
     * bgpdump's own IPv6 text: IPv4-mapped and IPv4-compatible addresses in dotted form, and the longest
     * run of zero groups compressed even when it is a single group (unlike RFC 5952).
     */
    private void ipv6(byte[] octets, int offset) throws IOException {
        boolean firstTenZero = true;
        for (int i = 0; i < 10; i++) {
            firstTenZero &= octets[offset + i] == 0;
        }
        boolean mapped = firstTenZero && octets[offset + 10] == -1 && octets[offset + 11] == -1;
        long last = Integer.toUnsignedLong((octets[offset + 12] & 0xFF) << 24 | (octets[offset + 13] & 0xFF) << 16
                | (octets[offset + 14] & 0xFF) << 8 | octets[offset + 15] & 0xFF);
        boolean compatible = firstTenZero && octets[offset + 10] == 0 && octets[offset + 11] == 0 && last > 1;
        if (mapped || compatible) {
            out.append(mapped ? "::ffff:" : "::").appendIpv4(octets, offset + 12);
            return;
        }
        int bestStart = -1;
        int bestLength = 0;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && octets[offset + 2 * j] == 0 && octets[offset + 2 * j + 1] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                if (i == 0) {
                    out.append(':');
                }
                out.append(':');
                i += bestLength - 1;
                continue;
            }
            out.appendHexGroup((octets[offset + 2 * i] & 0xFF) << 8 | octets[offset + 2 * i + 1] & 0xFF);
            if (i != 7) {
                out.append(':');
            }
        }
    }
}
