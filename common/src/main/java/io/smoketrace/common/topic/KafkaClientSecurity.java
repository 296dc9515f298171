package io.smoketrace.common.topic;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Function;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The settings that secure a Kafka connection ({@code security.protocol}, {@code sasl.*},
 * {@code ssl.*}), read from the same {@code kafka.*} configuration the SmallRye Kafka channels use,
 * so the plain kafka-clients producers and consumers of the services (compacted-topic readers, the
 * agent's link, the collector's publisher, the console's targets publisher) connect exactly as the
 * channels do. An operator sets them once, as properties ({@code kafka.security.protocol=SASL_SSL})
 * or environment variables ({@code KAFKA_SECURITY_PROTOCOL=SASL_SSL}, {@code KAFKA_SASL_JAAS_CONFIG},
 * {@code KAFKA_SSL_TRUSTSTORE_LOCATION}, ...).
 */
public final class KafkaClientSecurity {

    private static final String PREFIX = "kafka.";
    private static final String ENV_PREFIX = "KAFKA_";

    private KafkaClientSecurity() {
    }

    /**
     * The security settings in the application's MicroProfile configuration, keyed by their Kafka
     * client names (without {@code kafka.}); empty when the connection is plain.
     */
    public static Map<String, String> fromConfig() {
        Config config = ConfigProvider.getConfig();
        return select(config.getPropertyNames(), name -> config.getOptionalValue(name, String.class));
    }

    /** Adds {@link #fromConfig()} to a client's properties; what the caller set stays unless security overrides it. */
    public static Properties applyTo(Properties properties) {
        properties.putAll(fromConfig());
        return properties;
    }

    /**
     * Picks the security settings out of configuration property names: {@code kafka.<key>} and the
     * environment form {@code KAFKA_<KEY>} (upper case, dots as underscores; every Kafka security key
     * is dotted lower case, so the mapping back is exact).
     *
     * @param propertyNames every configuration property name
     * @param lookup the value of a property by its {@code kafka.<key>} name (the configuration
     *               resolves the environment form itself)
     */
    public static Map<String, String> select(Iterable<String> propertyNames, Function<String, Optional<String>> lookup) {
        Map<String, String> settings = new TreeMap<>();
        for (String name : propertyNames) {
            String key = clientKey(name);
            if (key != null && securesConnection(key) && !settings.containsKey(key)) {
                lookup.apply(PREFIX + key).or(() -> lookup.apply(name)).ifPresent(value -> settings.put(key, value));
            }
        }
        return settings;
    }

    /** The Kafka client key a configuration property name stands for, or null when it is not a {@code kafka.*} one. */
    static String clientKey(String propertyName) {
        if (propertyName.startsWith(PREFIX) && propertyName.length() > PREFIX.length()) {
            return propertyName.substring(PREFIX.length());
        }
        if (propertyName.startsWith(ENV_PREFIX) && propertyName.length() > ENV_PREFIX.length()) {
            return propertyName.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.');
        }
        return null;
    }

    static boolean securesConnection(String key) {
        return key.equals("security.protocol") || key.startsWith("sasl.") || key.startsWith("ssl.");
    }
}
