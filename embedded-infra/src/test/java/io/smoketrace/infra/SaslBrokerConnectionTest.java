package io.smoketrace.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;
import io.smoketrace.common.topic.KafkaClientSecurity;
import java.net.ServerSocket;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real broker that only speaks SASL: the settings {@link KafkaClientSecurity} picks out of an
 * operator's environment are enough for a plain kafka-clients client to connect, and without them
 * the client does not get in. Every service's plain client applies them the same way.
 */
class SaslBrokerConnectionTest {

    private static final String JAAS = "org.apache.kafka.common.security.plain.PlainLoginModule required "
            + "username=\"smoketrace\" password=\"s3cret-for-tests\";";

    private static EmbeddedKafkaBroker broker;
    private static String bootstrap;

    @BeforeAll
    static void startSaslBroker() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        broker = new EmbeddedKafkaBroker()
                .withDeleteLogDirsOnClose(true)
                .withAdvertisedListeners(EmbeddedKafkaBroker.endpoint(SecurityProtocol.SASL_PLAINTEXT, "localhost", port))
                .withAdditionalProperties(p -> {
                    // the broker talks to itself over the same SASL listener, as the same user
                    p.put("inter.broker.listener.name", "SASL_PLAINTEXT");
                    p.put("sasl.mechanism.inter.broker.protocol", "PLAIN");
                    p.put("sasl.enabled.mechanisms", "PLAIN");
                    p.put("listener.name.sasl_plaintext.plain.sasl.jaas.config",
                            "org.apache.kafka.common.security.plain.PlainLoginModule required "
                                    + "username=\"smoketrace\" password=\"s3cret-for-tests\" "
                                    + "user_smoketrace=\"s3cret-for-tests\";");
                })
                .start();
        bootstrap = "localhost:" + port;
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void theEnvironmentsSecuritySettingsGetAPlainClientIn() throws Exception {
        Map<String, String> environment = Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", bootstrap,
                "KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT",
                "KAFKA_SASL_MECHANISM", "PLAIN",
                "KAFKA_SASL_JAAS_CONFIG", JAAS);
        Map<String, String> security = KafkaClientSecurity.select(environment.keySet(),
                name -> Optional.ofNullable(environment.get(name.startsWith("kafka.")
                        ? "KAFKA_" + name.substring(6).toUpperCase().replace('.', '_') : name)));
        assertThat(security).containsOnlyKeys("security.protocol", "sasl.mechanism", "sasl.jaas.config");

        Properties properties = clientProperties();
        properties.putAll(security);
        try (Admin admin = Admin.create(properties)) {
            assertThat(admin.describeCluster().clusterId().get(20, TimeUnit.SECONDS)).isEqualTo(broker.getClusterId());
        }
    }

    @Test
    void withoutThemTheBrokerDoesNotLetTheClientIn() {
        try (Admin admin = Admin.create(clientProperties())) {
            assertThatThrownBy(() -> admin.describeCluster().clusterId().get(20, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class);
        }
    }

    private static Properties clientProperties() {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "3000");
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
        return properties;
    }
}
