package io.smoketrace.infra;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Quarkus test resource giving a test JVM one real Kafka broker (KRaft, in-JVM) with SmokeTrace's
 * topics and, unless {@code postgres=false}, one real PostgreSQL (zonky embedded binaries).
 * When {@code SMOKETRACE_KAFKA_BOOTSTRAP} / {@code SMOKETRACE_PG_URL} are set, those servers are used
 * instead. Both are started once per JVM and shared by every test class.
 */
public class SmokeTraceInfra implements QuarkusTestResourceLifecycleManager {

    /** Init arg: set to "false" in modules that have no database. */
    public static final String POSTGRES = "postgres";

    private static String bootstrap;
    private static PostgresSettings postgres;

    private boolean withPostgres = true;

    @Override
    public void init(Map<String, String> initArgs) {
        withPostgres = !"false".equals(initArgs.get(POSTGRES));
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("kafka.bootstrap.servers", kafkaBootstrap());
        if (withPostgres) {
            config.putAll(postgres().serviceConfig());
        }
        return config;
    }

    @Override
    public void stop() {
        // Servers live for the whole JVM so later test classes reuse them; the JVM's exit stops them.
    }

    /** The shared broker's bootstrap servers, starting it on first use. */
    public static synchronized String kafkaBootstrap() {
        if (bootstrap == null) {
            String external = System.getenv("SMOKETRACE_KAFKA_BOOTSTRAP");
            if (external != null && !external.isBlank()) {
                bootstrap = external;
            } else {
                EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker()
                        .withDeleteLogDirsOnClose(true)
                        .withAdditionalProperties(p -> {
                            p.put("auto.create.topics.enable", "false");
                            p.put("group.initial.rebalance.delay.ms", "0");
                            p.put("offsets.topic.num.partitions", "3");
                        })
                        .start();
                Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "kafka-stop"));
                bootstrap = broker.getAdvertisedListeners().replaceAll("[A-Z_]+://", "");
            }
            try {
                TopicSetup.createMissing(bootstrap, (short) 1, line -> { });
            } catch (Exception e) {
                throw new IllegalStateException("cannot create SmokeTrace topics on " + bootstrap, e);
            }
        }
        return bootstrap;
    }

    /** The shared database's settings, starting it on first use. */
    public static synchronized PostgresSettings postgres() {
        if (postgres == null) {
            String external = System.getenv("SMOKETRACE_PG_URL");
            if (external != null && !external.isBlank()) {
                postgres = PostgresSettings.parse(external);
            } else {
                try {
                    LocalPostgres local = LocalPostgres.start(0, null);
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                        try {
                            local.close();
                        } catch (Exception ignored) {
                            // The JVM is going away; a stuck postgres is killed with it.
                        }
                    }, "postgres-stop"));
                    postgres = local.settings();
                } catch (Exception e) {
                    throw new IllegalStateException("cannot start embedded PostgreSQL", e);
                }
            }
        }
        return postgres;
    }
}
