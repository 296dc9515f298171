package io.smoketrace.bgp.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;

/**
 * The collector's typed configuration ({@code smoketrace.bgp.*}): its id, the Kafka producer's batching,
 * the BMP station and the BGP speaker with its configured peers.
 */
@ConfigMapping(prefix = "smoketrace.bgp")
public interface CollectorConfig {

    /** Names this collector instance in records ({@code collectorId}) and in {@code ce_source}. */
    @WithDefault("bgp-collector")
    String collectorId();

    Producer producer();

    Bmp bmp();

    Speaker speaker();

    /** The BGP peers the speaker accepts; a connection from any other address is refused. */
    List<PeerConfig> peers();

    /** Batching of the Kafka producer; the defaults favour a full table over latency. */
    interface Producer {
        @WithDefault("20")
        int lingerMs();

        @WithDefault("262144")
        int batchSize();

        /** {@code lz4}, {@code zstd}, {@code gzip}, {@code snappy} or {@code none}. */
        @WithDefault("lz4")
        String compression();

        @WithDefault("134217728")
        long bufferMemory();

        /**
         * Reading from routers pauses when records not yet acknowledged by Kafka take more than this
         * fraction of {@link #bufferMemory()}, and resumes below half of it (README, "Backpressure").
         */
        @WithDefault("0.5")
        double pauseAt();
    }

    /** The BMP station routers stream to. */
    interface Bmp {
        @WithDefault("true")
        boolean enabled();

        @WithDefault("0.0.0.0")
        String host();

        @WithDefault("11019")
        int port();
    }

    /** The BGP speaker's listener. */
    interface Speaker {
        @WithDefault("true")
        boolean enabled();

        @WithDefault("0.0.0.0")
        String host();

        @WithDefault("179")
        int port();

        /** Seconds between attempts to connect to an active peer (RFC 4271 ConnectRetryTimer). */
        @WithDefault("30")
        int connectRetrySeconds();

        /**
         * RFC 4271 IdleHoldTime: after a session ends, seconds a peer stays Idle (refusing and not opening
         * connections) before the next attempt; doubled after each end, up to {@link #idleHoldMaxSeconds()},
         * and back to this value once a session has stayed Established that long. Peers with
         * {@code damp-peer-oscillations=false} restart at once.
         */
        @WithDefault("5")
        int idleHoldSeconds();

        /** The longest IdleHoldTime the back-off reaches. */
        @WithDefault("300")
        int idleHoldMaxSeconds();
    }

    /** One configured BGP neighbour. */
    interface PeerConfig {
        /** The neighbour's IP address; connections are matched on it. */
        String address();

        /** The neighbour's AS; an OPEN with another AS is refused with Bad Peer AS. */
        long remoteAs();

        long localAs();

        /** Our BGP identifier on this session (an IPv4 address). */
        String routerId();

        /** The hold time we offer; the session uses the smaller of ours and the peer's. */
        @WithDefault("90")
        int holdTime();

        /** Address families to negotiate: {@code ipv4-unicast}, {@code ipv6-unicast}. */
        @WithDefault("ipv4-unicast,ipv6-unicast")
        List<String> families();

        /** Ask the peer to send several paths per prefix (RFC 7911) for these families. */
        @WithDefault("false")
        boolean addPathReceive();

        /** Only wait for the peer to connect; otherwise we also connect to it. */
        @WithDefault("true")
        boolean passive();

        /** The neighbour's TCP port when we connect. */
        @WithDefault("179")
        int port();

        /** RFC 4271 DelayOpen: seconds to wait for the peer's OPEN before sending ours; 0 = off. */
        @WithDefault("0")
        int delayOpenTime();

        /** RFC 4271 DampPeerOscillations: the IdleHoldTime back-off after a session ends. */
        @WithDefault("true")
        boolean dampPeerOscillations();
    }
}
