package io.smoketrace.bgp.codec.bgp.attribute;

import io.smoketrace.bgp.codec.IpAddresses;
import io.smoketrace.bgp.codec.bgp.ErrorAction;
import io.smoketrace.bgp.codec.bgp.NotificationMessage;

import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.List;

/**
 * CLUSTER_LIST (RFC 4456): the route-reflection clusters the route went through.
 */
public record ClusterList(List<Inet4Address> clusterIds) implements PathAttribute {

    public static final int TYPE = 10;

    static final AttributeCodec<ClusterList> CODEC = new AttributeCodec<>(TYPE, "CLUSTER_LIST", OPTIONAL_NON_TRANSITIVE,
            ErrorAction.TREAT_AS_WITHDRAW, NotificationMessage.UpdateError.OPTIONAL_ATTRIBUTE_ERROR,
            (value, context) -> {
                AttributeCodec.expectNonZeroMultipleOf(value, 4, "CLUSTER_LIST");
                List<Inet4Address> ids = new ArrayList<>();
                while (value.hasRemaining()) {
                    ids.add(IpAddresses.ipv4(value.i32()));
                }
                return new ClusterList(ids);
            },
            (clusterList, out, context) -> clusterList.clusterIds.forEach(id -> out.bytes(id.getAddress())));

    public ClusterList {
        clusterIds = List.copyOf(clusterIds);
    }

    @Override
    public int typeCode() {
        return TYPE;
    }
}
