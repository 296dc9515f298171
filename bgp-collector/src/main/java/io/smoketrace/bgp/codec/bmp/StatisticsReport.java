package io.smoketrace.bgp.codec.bmp;

import io.smoketrace.bgp.codec.WireReader;
import io.smoketrace.bgp.codec.WireUnderflowException;
import io.smoketrace.bgp.codec.WireWriter;
import io.smoketrace.bgp.codec.bgp.AfiSafi;

import java.util.ArrayList;
import java.util.List;

/**
 * Statistics Report: counters and gauges about one peer's routes.
 */
public record StatisticsReport(PeerHeader peer, List<Statistic> statistics) implements BmpMessage {

    public static final int TYPE = 1;

    public static final int REJECTED_PREFIXES = 0;
    public static final int DUPLICATE_PREFIX_ADVERTISEMENTS = 1;
    public static final int DUPLICATE_WITHDRAWS = 2;
    public static final int CLUSTER_LIST_LOOPS = 3;
    public static final int AS_PATH_LOOPS = 4;
    public static final int ORIGINATOR_ID_LOOPS = 5;
    public static final int AS_CONFED_LOOPS = 6;
    public static final int ADJ_RIB_IN_ROUTES = 7;
    public static final int LOC_RIB_ROUTES = 8;
    public static final int ADJ_RIB_IN_ROUTES_PER_FAMILY = 9;
    public static final int LOC_RIB_ROUTES_PER_FAMILY = 10;
    public static final int UPDATES_TREATED_AS_WITHDRAW = 11;
    public static final int PREFIXES_TREATED_AS_WITHDRAW = 12;
    public static final int DUPLICATE_UPDATES = 13;
    public static final int ADJ_RIB_OUT_PRE_POLICY_ROUTES = 14;
    public static final int ADJ_RIB_OUT_POST_POLICY_ROUTES = 15;
    public static final int ADJ_RIB_OUT_PRE_POLICY_ROUTES_PER_FAMILY = 16;
    public static final int ADJ_RIB_OUT_POST_POLICY_ROUTES_PER_FAMILY = 17;

    private enum Kind { COUNTER, GAUGE, FAMILY_GAUGE }

    /** The registry of stat types, keyed by type code. */
    private static final Kind[] KINDS = new Kind[18];

    static {
        for (int type : new int[] {REJECTED_PREFIXES, DUPLICATE_PREFIX_ADVERTISEMENTS, DUPLICATE_WITHDRAWS,
                CLUSTER_LIST_LOOPS, AS_PATH_LOOPS, ORIGINATOR_ID_LOOPS, AS_CONFED_LOOPS, UPDATES_TREATED_AS_WITHDRAW,
                PREFIXES_TREATED_AS_WITHDRAW, DUPLICATE_UPDATES}) {
            KINDS[type] = Kind.COUNTER;
        }
        for (int type : new int[] {ADJ_RIB_IN_ROUTES, LOC_RIB_ROUTES, ADJ_RIB_OUT_PRE_POLICY_ROUTES,
                ADJ_RIB_OUT_POST_POLICY_ROUTES}) {
            KINDS[type] = Kind.GAUGE;
        }
        for (int type : new int[] {ADJ_RIB_IN_ROUTES_PER_FAMILY, LOC_RIB_ROUTES_PER_FAMILY,
                ADJ_RIB_OUT_PRE_POLICY_ROUTES_PER_FAMILY, ADJ_RIB_OUT_POST_POLICY_ROUTES_PER_FAMILY}) {
            KINDS[type] = Kind.FAMILY_GAUGE;
        }
    }

    static final BmpMessageCodec<StatisticsReport> CODEC = new BmpMessageCodec<>(TYPE,
            (body, peers) -> {
                PeerHeader peer = PeerHeader.decode(body);
                long count = body.u32();
                List<Statistic> statistics = new ArrayList<>();
                for (long i = 0; i < count; i++) {
                    int type = body.u16();
                    statistics.add(decodeStatistic(type, body.slice(body.u16())));
                }
                if (body.hasRemaining()) {
                    throw new MalformedBmpException(body.remaining() + " octets after the " + count + " statistics");
                }
                return new StatisticsReport(peer, statistics);
            },
            StatisticsReport::encode);

    public StatisticsReport {
        statistics = List.copyOf(statistics);
    }

    @Override
    public int type() {
        return TYPE;
    }

    // Routers do send known types with other lengths (64-bit counters); those stay as octets, not errors.
    private static Statistic decodeStatistic(int type, WireReader value) throws WireUnderflowException {
        Kind kind = type < KINDS.length ? KINDS[type] : null;
        if (kind == Kind.COUNTER && value.remaining() == 4) {
            return new Statistic.Counter(type, value.u32());
        }
        if (kind == Kind.GAUGE && value.remaining() == 8) {
            return new Statistic.Gauge(type, value.i64());
        }
        if (kind == Kind.FAMILY_GAUGE && value.remaining() == 11) {
            int afi = value.u16();
            return new Statistic.FamilyGauge(type, new AfiSafi(afi, value.u8()), value.i64());
        }
        return new Statistic.Unknown(type, value.rest());
    }

    private static void encode(StatisticsReport report, WireWriter out) {
        report.peer.encode(out);
        out.u32(report.statistics.size());
        for (Statistic statistic : report.statistics) {
            out.u16(statistic.type());
            switch (statistic) {
                case Statistic.Counter counter -> out.u16(4).u32(counter.value());
                case Statistic.Gauge gauge -> out.u16(8).i64(gauge.value());
                case Statistic.FamilyGauge gauge -> out.u16(11).u16(gauge.afiSafi().afi()).u8(gauge.afiSafi().safi())
                        .i64(gauge.value());
                case Statistic.Unknown unknown -> out.u16(unknown.value().length()).octets(unknown.value());
            }
        }
    }
}
