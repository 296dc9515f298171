package io.smoketrace.common.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.smoketrace.common.topic.TopicSpec;
import io.smoketrace.common.topic.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The deploy files (docker-compose.yml, deploy/compose, deploy/kubernetes) stay true to the code: the
 * topic files are generated from {@link Topics#ALL}, and every image, port, topic and SMOKETRACE_*
 * variable they name exists in the service it is given to.
 *
 * <p>Regenerate the topic files after changing the catalogue with
 * {@code ./mvnw -o -pl common test -Dtest='io.smoketrace.common.deploy.*' -Dsmoketrace.deploy.regenerate=true}.
 */
class DeployManifestsTest {

    private static final Path ROOT = Path.of("..");
    private static final Path COMPOSE = ROOT.resolve("docker-compose.yml");
    private static final Path COMPOSE_TOPICS = ROOT.resolve("deploy/compose/create-topics.sh");
    private static final Path KUBERNETES = ROOT.resolve("deploy/kubernetes");
    private static final Path KAFKA_TOPICS = KUBERNETES.resolve("base/kafka/kafka-topics.yaml");
    private static final String REGENERATE = "smoketrace.deploy.regenerate";
    private static final String GENERATED = "Generated from Topics.ALL by DeployManifestsTest; do not edit, regenerate: see docs/deploy.md.";

    private static final Pattern IMAGE = Pattern.compile("image:\\s*[\"']?(?:[\\w.\\-]+/)*smoketrace/([a-z0-9\\-]+)");
    private static final Pattern ENV_NAME = Pattern.compile(
            "(?m)^\\s*(?:-\\s*name:\\s*)?(SMOKETRACE_[A-Z0-9_]+)\\s*(?:[:=]|$)");
    private static final Pattern TOPIC_NAME = Pattern.compile("smoketrace\\.[a-z][a-z0-9\\-.]*\\.v\\d+");
    private static final Pattern K8S_PORT = Pattern.compile("(?m)^\\s*-?\\s*(?:containerPort|port|targetPort):\\s*(\\d+)\\s*$");
    private static final Pattern COMPOSE_PORT = Pattern.compile("(?m)^\\s*-\\s*[\"']?(?:[\\d.]+:)?(?:\\$\\{[^}]*}|\\d+):(\\d+)(?:/\\w+)?[\"']?\\s*$");
    private static final Pattern HTTP_PORT_VALUE = Pattern.compile("(?m)SMOKETRACE_HTTP_PORT[\"']?\\s*[:=]\\s*[\"']?(\\d+)");
    private static final Pattern LOCAL_URL_PORT = Pattern.compile("localhost:(\\d+)/q/");
    private static final Pattern PLACEHOLDER_DEFAULT = Pattern.compile("\\$\\{(SMOKETRACE_[A-Z0-9_]+):(\\d+)}");

    @Test
    void composeTopicInitIsGeneratedFromTheCatalogue() throws IOException {
        assertGenerated(COMPOSE_TOPICS, composeTopicScript());
    }

    @Test
    void kafkaTopicResourcesAreGeneratedFromTheCatalogue() throws IOException {
        assertGenerated(KAFKA_TOPICS, kafkaTopicResources());
    }

    @Test
    void everyTopicNamedInTheDeployFilesIsInTheCatalogue() {
        Set<String> known = new TreeSet<>(Topics.ALL.stream().map(TopicSpec::name).toList());
        for (Path file : deployFiles()) {
            Matcher m = TOPIC_NAME.matcher(read(file));
            while (m.find()) {
                assertThat(known).as("topic %s named in %s", m.group(), file).contains(m.group());
            }
        }
        for (Path file : kubernetesFiles()) {
            if (!file.equals(KAFKA_TOPICS)) {
                assertThat(read(file)).as("%s: partitions and topic configs come only from the generated %s", file,
                        KAFKA_TOPICS).doesNotContainPattern("(?m)^kind: KafkaTopic")
                        .doesNotContainPattern("(?m)^\\s*partitions:|/spec/partitions|/spec/config");
            }
        }
    }

    @Test
    void everyImageIsAModuleWithADockerfile() {
        Set<String> modules = serviceModules();
        assertThat(modules).as("modules with src/main/docker/Dockerfile.jvm").isNotEmpty();
        Set<String> inCompose = images(read(COMPOSE));
        Set<String> inKubernetes = new TreeSet<>();
        kubernetesFiles().forEach(f -> inKubernetes.addAll(images(read(f))));
        assertThat(modules).as("images in docker-compose.yml").containsAll(inCompose);
        assertThat(modules).as("images in deploy/kubernetes").containsAll(inKubernetes);
        assertThat(inCompose).as("every service image is deployed by docker-compose.yml").containsAll(modules);
        assertThat(inKubernetes).as("every service image is deployed by deploy/kubernetes").containsAll(modules);
        for (String module : modules) {
            Path dockerfile = ROOT.resolve(module).resolve("src/main/docker/Dockerfile.jvm");
            assertVariables(module, read(dockerfile), dockerfile.toString());
        }
    }

    @Test
    void composeServicesUseTheirOwnPortsAndVariables() {
        String compose = read(COMPOSE);
        // The shared x-* fragments before services: are given to several services: what every service reads.
        assertVariables(null, compose.substring(0, Math.max(0, compose.indexOf("\nservices:"))), "docker-compose.yml x-* fragments");
        Map<String, String> moduleByAnchor = new LinkedHashMap<>();
        for (Map.Entry<String, String> service : composeServices().entrySet()) {
            String block = service.getValue();
            Set<String> images = images(block);
            Matcher merged = Pattern.compile("(?m)^    <<: \\*([\\w\\-]+)").matcher(block);
            String module = images.isEmpty() ? (merged.find() ? moduleByAnchor.get(merged.group(1)) : null)
                    : images.iterator().next();
            if (module == null) {
                continue;
            }
            Matcher anchor = Pattern.compile("^&([\\w\\-]+)").matcher(service.getKey().replaceFirst("^[^&]*", ""));
            if (anchor.find()) {
                moduleByAnchor.put(anchor.group(1), module);
            }
            String where = "docker-compose.yml service " + service.getKey() + " (" + module + ")";
            assertPorts(module, block, List.of(COMPOSE_PORT, HTTP_PORT_VALUE, LOCAL_URL_PORT), where);
            assertVariables(module, block, where);
        }
    }

    @Test
    void kubernetesServicesUseTheirOwnPortsAndVariables() {
        Set<String> modules = serviceModules();
        for (String module : modules) {
            assertThat(kubernetesFiles().stream().filter(f -> module.equals(moduleOf(f, modules))))
                    .as("deploy/kubernetes/**/%s/", module).isNotEmpty();
        }
        for (Path file : kubernetesFiles()) {
            String module = moduleOf(file, modules);
            String text = read(file);
            if (module != null) {
                assertPorts(module, text, List.of(K8S_PORT, HTTP_PORT_VALUE), file.toString());
            }
            assertVariables(module, text, file.toString());
        }
    }

    @Test
    void theAnalyzerNeverScalesBeyondTheTracePartitions() {
        int partitions = Topics.spec(Topics.TRACES).partitions();
        int seen = 0;
        for (Path file : kubernetesFiles()) {
            Matcher max = Pattern.compile("(?m)^\\s*maxReplicas:\\s*(\\d+)\\s*$").matcher(read(file));
            while (max.find()) {
                seen++;
                assertThat(Integer.parseInt(max.group(1)))
                        .as("maxReplicas in %s: analyzers beyond the %d partitions of %s would idle", file, partitions,
                                Topics.TRACES)
                        .isLessThanOrEqualTo(partitions);
            }
        }
        assertThat(seen).as("the path-analyzer's HorizontalPodAutoscaler").isPositive();
    }

    @Test
    void everyDashboardMetricIsAMeterOfTheCode() throws IOException {
        Set<String> meters = new TreeSet<>();
        Pattern meterName = Pattern.compile("\"(smoketrace\\.[a-z0-9.\\-]+[a-z0-9])\"");
        for (String module : serviceModules()) {
            javaSources(ROOT.resolve(module)).forEach(text -> meters.addAll(matches(meterName, text)));
        }
        javaSources(ROOT.resolve("service-support")).forEach(text -> meters.addAll(matches(meterName, text)));
        Set<String> prometheusNames = new TreeSet<>();
        meters.forEach(m -> prometheusNames.add(m.replaceAll("[.\\-]", "_")));
        List<Path> dashboards;
        try (Stream<Path> files = Files.list(ROOT.resolve("deploy/grafana"))) {
            dashboards = files.filter(f -> f.toString().endsWith(".json")).toList();
        }
        assertThat(dashboards).as("deploy/grafana/*.json").isNotEmpty();
        Pattern used = Pattern.compile("\\bsmoketrace_[a-z0-9_]+");
        for (Path dashboard : dashboards) {
            for (String metric : matches(used, read(dashboard))) {
                String base = metric.replaceFirst("(_seconds)?(_total|_count|_sum|_max|_bucket)?$", "");
                assertThat(prometheusNames).as("metric %s in %s: no Micrometer meter %s in the services",
                        metric, dashboard, base.replace('_', '.')).contains(base);
            }
        }
    }

    @Test
    void composeRunsTheKafkaVersionOfTheLocalBroker() throws IOException {
        Matcher pinned = Pattern.compile("<kafka.version>([^<]+)</kafka.version>")
                .matcher(Files.readString(ROOT.resolve("deploy/local/kafka-broker/pom.xml")));
        assertThat(pinned.find()).isTrue();
        assertThat(read(COMPOSE)).as("docker-compose.yml runs the same Kafka as bin/smoketrace")
                .contains("image: apache/kafka:" + pinned.group(1));
    }

    // ---- the generated files ------------------------------------------------------------------

    static String composeTopicScript() {
        StringBuilder out = new StringBuilder();
        out.append("#!/bin/sh\n")
                .append("# ").append(GENERATED).append('\n')
                .append("# Creates SmokeTrace's topics with their policies; existing topics are left alone.\n")
                .append("# Usage: create-topics.sh [bootstrap-servers] (default kafka:9092); REPLICATION_FACTOR (default 1).\n")
                .append("set -eu\n")
                .append("BOOTSTRAP=\"${1:-kafka:9092}\"\n")
                .append("KAFKA_TOPICS=\"${KAFKA_TOPICS:-/opt/kafka/bin/kafka-topics.sh}\"\n")
                .append("topic() {\n")
                .append("  name=\"$1\" partitions=\"$2\"; shift 2\n")
                .append("  configs=\"\"\n")
                .append("  for config in \"$@\"; do configs=\"$configs --config $config\"; done\n")
                .append("  # shellcheck disable=SC2086\n")
                .append("  \"$KAFKA_TOPICS\" --bootstrap-server \"$BOOTSTRAP\" --create --if-not-exists --topic \"$name\" \\\n")
                .append("    --partitions \"$partitions\" --replication-factor \"${REPLICATION_FACTOR:-1}\" $configs\n")
                .append("  echo \"topic $name: $partitions partitions, $*\"\n")
                .append("}\n");
        for (TopicSpec spec : Topics.ALL) {
            out.append("topic ").append(spec.name()).append(' ').append(spec.partitions());
            spec.configs().forEach((k, v) -> out.append(' ').append(k).append('=').append(v));
            out.append('\n');
        }
        return out.toString();
    }

    static String kafkaTopicResources() {
        StringBuilder out = new StringBuilder();
        out.append("# ").append(GENERATED).append('\n');
        for (TopicSpec spec : Topics.ALL) {
            out.append("---\n")
                    .append("apiVersion: kafka.strimzi.io/v1beta2\n")
                    .append("kind: KafkaTopic\n")
                    .append("metadata:\n")
                    .append("  name: ").append(spec.name().replace('.', '-')).append('\n')
                    .append("  labels:\n")
                    .append("    strimzi.io/cluster: smoketrace\n")
                    .append("spec:\n")
                    .append("  topicName: ").append(spec.name()).append('\n')
                    .append("  partitions: ").append(spec.partitions()).append('\n')
                    .append("  replicas: 3\n")
                    .append("  config:\n");
            spec.configs().forEach((k, v) -> out.append("    ").append(k).append(": \"").append(v).append("\"\n"));
        }
        return out.toString();
    }

    private static void assertGenerated(Path file, String expected) throws IOException {
        if (Boolean.getBoolean(REGENERATE)) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, expected);
        }
        assertThat(file).as("%s is generated from Topics.ALL; regenerate with -D%s=true", file, REGENERATE).exists();
        assertThat(Files.readString(file))
                .as("%s differs from Topics.ALL; regenerate with -D%s=true", file, REGENERATE)
                .isEqualTo(expected);
    }

    // ---- what the code says ---------------------------------------------------------------------

    /** Modules that are deployable services: those with a Quarkus JVM Dockerfile. */
    private static Set<String> serviceModules() {
        try (Stream<Path> dirs = Files.list(ROOT)) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("src/main/docker/Dockerfile.jvm")))
                    .map(d -> d.getFileName().toString())
                    .collect(TreeSet::new, Set::add, Set::addAll);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The module's container ports: its default HTTP port and the ports its properties default to. */
    private static Set<Integer> ports(String module) {
        Set<Integer> ports = new TreeSet<>();
        Matcher m = PLACEHOLDER_DEFAULT.matcher(read(ROOT.resolve(module).resolve("src/main/resources/application.properties")));
        while (m.find()) {
            if (m.group(1).endsWith("_PORT") && !m.group(1).startsWith("SMOKETRACE_PG_")
                    && !m.group(1).startsWith("SMOKETRACE_SMTP_")) {
                ports.add(Integer.parseInt(m.group(2)));
            }
        }
        return ports;
    }

    /**
     * The SMOKETRACE_* variables a module reads, as patterns: the environment form of every
     * {@code smoketrace.*} key and every SMOKETRACE_* name in its properties, README, configuration
     * classes, docs/operations.md (what every service reads) and bin/smoketrace.
     */
    private static List<Pattern> variables(String module) {
        List<String> sources = new ArrayList<>();
        sources.add(read(ROOT.resolve("docs/operations.md")));
        sources.add(read(ROOT.resolve("bin/smoketrace")));
        if (module != null) {
            Path dir = ROOT.resolve(module);
            Stream.of("src/main/resources/application.properties", "README.md").map(dir::resolve)
                    .filter(Files::isRegularFile).forEach(f -> sources.add(read(f)));
            try (Stream<Path> java = Files.walk(dir.resolve("src/main/java"))) {
                java.filter(f -> f.toString().endsWith(".java") && read(f).contains("@ConfigMapping")).forEach(f -> sources.add(read(f)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Set<String> names = new LinkedHashSet<>();
        Pattern key = Pattern.compile("(?i)smoketrace[._][a-z0-9.\\-_<>]*[a-z0-9>]");
        for (String source : sources) {
            Matcher m = key.matcher(source);
            while (m.find()) {
                names.add(m.group());
            }
        }
        List<Pattern> patterns = new ArrayList<>();
        for (String name : names) {
            String env = name.toUpperCase().replaceAll("<[^>]*>", "\u0000").replaceAll("[^A-Z0-9\u0000]", "_");
            patterns.add(Pattern.compile(Pattern.quote(env).replace("\u0000", "\\E[A-Z0-9_]+\\Q")));
        }
        return patterns;
    }

    private static void assertPorts(String module, String text, List<Pattern> portPatterns, String where) {
        Set<Integer> allowed = ports(module);
        for (Pattern pattern : portPatterns) {
            Matcher m = pattern.matcher(text);
            while (m.find()) {
                assertThat(allowed).as("port %s in %s: %s's ports (application.properties defaults) are %s",
                        m.group(1), where, module, allowed).contains(Integer.parseInt(m.group(1)));
            }
        }
    }

    private static void assertVariables(String module, String text, String where) {
        List<Pattern> known = variables(module);
        Matcher m = ENV_NAME.matcher(text);
        while (m.find()) {
            String name = m.group(1);
            assertThat(known.stream().anyMatch(p -> p.matcher(name).matches()))
                    .as("%s in %s is not read by %s (not in its application.properties, README, @ConfigMapping, "
                            + "docs/operations.md or bin/smoketrace)", name, where, module == null ? "every service" : module)
                    .isTrue();
        }
    }

    // ---- reading the deploy files -------------------------------------------------------------

    /** The service module a Kubernetes file belongs to: the first directory on its path named after one. */
    private static String moduleOf(Path file, Set<String> modules) {
        for (Path part : KUBERNETES.relativize(file)) {
            if (modules.contains(part.toString())) {
                return part.toString();
            }
        }
        return null;
    }

    private static Set<String> images(String text) {
        Set<String> images = new TreeSet<>();
        Matcher m = IMAGE.matcher(text);
        while (m.find()) {
            images.add(m.group(1));
        }
        return images;
    }

    /** docker-compose.yml's services, name to its block of lines. */
    private static Map<String, String> composeServices() {
        Map<String, String> services = new LinkedHashMap<>();
        boolean inServices = false;
        String current = null;
        StringBuilder block = new StringBuilder();
        for (String line : read(COMPOSE).split("\n", -1)) {
            if (!line.startsWith(" ") && !line.isBlank() && !line.startsWith("#")) {
                inServices = line.startsWith("services:");
                continue;
            }
            if (!inServices) {
                continue;
            }
            Matcher name = Pattern.compile("^  ([a-z0-9][a-z0-9\\-_]*):\\s*(&[\\w\\-]+)?\\s*$").matcher(line);
            if (name.matches()) {
                if (current != null) {
                    services.put(current, block.toString());
                }
                current = name.group(2) == null ? name.group(1) : name.group(1) + " " + name.group(2);
                block.setLength(0);
            } else {
                block.append(line).append('\n');
            }
        }
        if (current != null) {
            services.put(current, block.toString());
        }
        assertThat(services).as("services in docker-compose.yml").isNotEmpty();
        return services;
    }

    private static List<Path> kubernetesFiles() {
        try (Stream<Path> files = Files.walk(KUBERNETES)) {
            return files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".properties")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> deployFiles() {
        List<Path> files = new ArrayList<>(kubernetesFiles());
        files.add(COMPOSE);
        try (Stream<Path> compose = Files.list(ROOT.resolve("deploy/compose"))) {
            compose.forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    private static List<String> javaSources(Path module) {
        Path sources = module.resolve("src/main/java");
        if (!Files.isDirectory(sources)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(sources)) {
            return files.filter(f -> f.toString().endsWith(".java")).map(DeployManifestsTest::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> matches(Pattern pattern, String text) {
        Set<String> found = new TreeSet<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(m.groupCount() > 0 ? m.group(1) : m.group());
        }
        return found;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }
}
