package io.smoketrace.bgp.publish;

import io.smoketrace.common.bgp.PeerState;
import io.smoketrace.common.bgp.RibRoute;
import io.smoketrace.common.bgp.RouteUpdate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Keeps what would have been published, as a compacted consumer would see it. */
public final class RecordingPublisher implements BgpPublisher {

    public final List<RouteUpdate> updates = new ArrayList<>();
    /** Every RIB record in order; a null value is a tombstone. */
    public final List<Map.Entry<String, RibRoute>> ribRecords = new ArrayList<>();
    public final List<PeerState> peers = new ArrayList<>();

    @Override
    public synchronized void update(RouteUpdate update) {
        updates.add(update);
    }

    @Override
    public synchronized void rib(String key, RibRoute route) {
        ribRecords.add(new java.util.AbstractMap.SimpleEntry<>(key, route));
    }

    @Override
    public synchronized void peer(PeerState state) {
        peers.add(state);
    }

    /** The RIB after compaction: the latest value per key, tombstoned keys removed. */
    public synchronized Map<String, RibRoute> rib() {
        Map<String, RibRoute> current = new LinkedHashMap<>();
        for (Map.Entry<String, RibRoute> record : ribRecords) {
            if (record.getValue() == null) {
                current.remove(record.getKey());
            } else {
                current.put(record.getKey(), record.getValue());
            }
        }
        return current;
    }

    public synchronized long tombstones() {
        return ribRecords.stream().filter(record -> record.getValue() == null).count();
    }

    public synchronized PeerState lastPeerState() {
        return peers.getLast();
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
