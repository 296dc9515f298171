package io.smoketrace.common.topic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KafkaClientSecurityTest {

    @Test
    void picksSecuritySettingsFromPropertiesAndTheEnvironmentForm() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("kafka.bootstrap.servers", "kafka:9093");
        config.put("kafka.security.protocol", "SASL_SSL");
        config.put("KAFKA_SASL_MECHANISM", "SCRAM-SHA-512");
        config.put("KAFKA_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"a\" password=\"b\";");
        config.put("kafka.ssl.truststore.location", "/etc/kafka/ca.p12");
        config.put("KAFKA_SSL_TRUSTSTORE_TYPE", "PKCS12");
        config.put("mp.messaging.incoming.traces.topic", "smoketrace.traces.v1");
        config.put("quarkus.http.ssl.certificate.files", "/tls/cert.pem");

        Map<String, String> selected = KafkaClientSecurity.select(config.keySet(), name -> Optional.ofNullable(config.get(name)));

        assertThat(selected).containsExactlyInAnyOrderEntriesOf(Map.of(
                "security.protocol", "SASL_SSL",
                "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", config.get("KAFKA_SASL_JAAS_CONFIG"),
                "ssl.truststore.location", "/etc/kafka/ca.p12",
                "ssl.truststore.type", "PKCS12"));
    }

    @Test
    void theDottedFormWinsWhenTheConfigurationResolvesIt() {
        // MicroProfile Config resolves kafka.sasl.mechanism from KAFKA_SASL_MECHANISM itself; when both
        // names are listed, the value comes from the dotted lookup once.
        Map<String, String> values = Map.of("kafka.sasl.mechanism", "PLAIN", "KAFKA_SASL_MECHANISM", "PLAIN-from-env");
        Map<String, String> selected = KafkaClientSecurity.select(List.of("KAFKA_SASL_MECHANISM", "kafka.sasl.mechanism"),
                name -> Optional.ofNullable(values.get(name)));
        assertThat(selected).containsExactlyEntriesOf(Map.of("sasl.mechanism", "PLAIN"));
    }

    @Test
    void aPlainConnectionHasNoSettings() {
        Map<String, String> config = Map.of("kafka.bootstrap.servers", "localhost:9092", "KAFKA_CLIENT_ID", "x", "kafka.", "y");
        assertThat(KafkaClientSecurity.select(config.keySet(), name -> Optional.ofNullable(config.get(name)))).isEmpty();
    }

    @Test
    void mapsPropertyNamesToClientKeys() {
        assertThat(KafkaClientSecurity.clientKey("kafka.ssl.keystore.location")).isEqualTo("ssl.keystore.location");
        assertThat(KafkaClientSecurity.clientKey("KAFKA_SSL_ENDPOINT_IDENTIFICATION_ALGORITHM")).isEqualTo("ssl.endpoint.identification.algorithm");
        assertThat(KafkaClientSecurity.clientKey("quarkus.kafka.devservices.enabled")).isNull();
        assertThat(KafkaClientSecurity.securesConnection("sasl.login.callback.handler.class")).isTrue();
        assertThat(KafkaClientSecurity.securesConnection("bootstrap.servers")).isFalse();
    }
}
