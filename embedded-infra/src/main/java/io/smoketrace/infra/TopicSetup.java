package io.smoketrace.infra;

import io.smoketrace.common.topic.TopicSpec;
import io.smoketrace.common.topic.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Creates SmokeTrace's topics with their policies (compaction or retention, partitions) from the
 * catalogue in {@link Topics}; topics that already exist are left as they are.
 */
public final class TopicSetup {

    private TopicSetup() {
    }

    /**
     * Creates whatever topics are missing.
     *
     * @param bootstrap the broker's bootstrap servers
     * @param replicationFactor replicas per partition (1 on a single broker)
     * @param progress receives one line per topic
     * @return the names of the topics created now
     */
    public static List<String> createMissing(String bootstrap, short replicationFactor, Consumer<String> progress)
            throws InterruptedException, ExecutionException, TimeoutException {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "15000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (TopicSpec spec : Topics.ALL) {
                if (existing.contains(spec.name())) {
                    progress.accept("topic " + spec.name() + " exists");
                    continue;
                }
                missing.add(new NewTopic(spec.name(), spec.partitions(), replicationFactor).configs(spec.configs()));
            }
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(60, TimeUnit.SECONDS);
            }
            List<String> created = new ArrayList<>();
            for (NewTopic topic : missing) {
                progress.accept("topic " + topic.name() + " created: " + topic.numPartitions() + " partitions, "
                        + describe(topic.configs()));
                created.add(topic.name());
            }
            return created;
        }
    }

    private static String describe(Map<String, String> configs) {
        return "compact".equals(configs.get("cleanup.policy"))
                ? "compacted"
                : "retention " + Long.parseLong(configs.get("retention.ms")) / 86_400_000L + " d";
    }

    /** {@code TopicSetup <bootstrap>}: used by {@code bin/smoketrace up}. */
    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: TopicSetup <bootstrap-servers>");
            System.exit(2);
        }
        createMissing(args[0], (short) 1, line -> System.out.println("  " + line));
    }
}
