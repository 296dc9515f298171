package io.smoketrace.bgp.rib;

import io.smoketrace.bgp.codec.IpAddresses;
import io.smoketrace.bgp.codec.bgp.AttributeError;
import io.smoketrace.bgp.codec.bgp.IpPrefix;
import io.smoketrace.bgp.codec.bgp.Nlri;
import io.smoketrace.bgp.codec.bgp.UpdateMessage;
import io.smoketrace.bgp.codec.bgp.attribute.AsPath;
import io.smoketrace.bgp.codec.bgp.attribute.Communities;
import io.smoketrace.bgp.codec.bgp.attribute.NextHop;
import io.smoketrace.bgp.codec.bgp.attribute.Origin;
import io.smoketrace.bgp.codec.bgp.attribute.PathAttribute;
import io.smoketrace.bgp.codec.bgp.attribute.PathAttributes;
import java.util.ArrayList;
import java.util.List;

/** UPDATE messages for tests, built from values rather than octets. */
public final class Updates {

    private Updates() {
    }

    public static UpdateMessage announce(String nextHop, long[] asPath, List<String> prefixes, PathAttribute... extra) {
        return announceWithErrors(nextHop, asPath, prefixes, List.of(), extra);
    }

    public static UpdateMessage announceWithErrors(String nextHop, long[] asPath, List<String> prefixes,
                                                   List<AttributeError> errors, PathAttribute... extra) {
        List<PathAttribute> attributes = new ArrayList<>(List.of(Origin.ORIGIN_IGP, AsPath.sequence(asPath),
                new NextHop((java.net.Inet4Address) IpAddresses.fromOctets(IpPrefix.parse(nextHop + "/32").address().toByteArray()))));
        attributes.addAll(List.of(extra));
        return new UpdateMessage(List.of(), new PathAttributes(attributes, errors, true),
                prefixes.stream().map(p -> Nlri.of(IpPrefix.parse(p))).toList());
    }

    public static UpdateMessage withdraw(String... prefixes) {
        return new UpdateMessage(List.of(prefixes).stream().map(p -> Nlri.of(IpPrefix.parse(p))).toList(),
                PathAttributes.NONE, List.of());
    }

    public static Communities communities(int... asnValuePairs) {
        List<Communities.Community> values = new ArrayList<>();
        for (int i = 0; i < asnValuePairs.length; i += 2) {
            values.add(Communities.Community.of(asnValuePairs[i], asnValuePairs[i + 1]));
        }
        return new Communities(values);
    }
}
