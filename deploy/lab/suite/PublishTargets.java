// Publishes the lab's targets (deploy/lab/suite/targets.json, a JSON list of smoketrace.targets.v1
// records) to the targets topic, keyed by targetId, as the web console would. bin/smoketrace lab up
// runs it with Java's source launcher on embedded-infra's class path:
//   java -cp <kafka-clients + jackson> PublishTargets.java BOOTSTRAP targets.json
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

public class PublishTargets {
    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: PublishTargets BOOTSTRAP targets.json");
            System.exit(2);
        }
        Properties properties = new Properties();
        properties.put("bootstrap.servers", args[0]);
        properties.put("key.serializer", StringSerializer.class.getName());
        properties.put("value.serializer", StringSerializer.class.getName());
        properties.put("acks", "all");
        ObjectMapper mapper = new ObjectMapper();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties)) {
            for (JsonNode target : mapper.readTree(new File(args[1]))) {
                String id = target.path("targetId").asText();
                producer.send(new ProducerRecord<>("smoketrace.targets.v1", id, mapper.writeValueAsString(target))).get();
                System.out.println("  target " + id + " -> " + target.path("host").asText());
            }
        }
    }
}
