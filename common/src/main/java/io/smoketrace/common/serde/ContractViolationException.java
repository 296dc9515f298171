package io.smoketrace.common.serde;

import java.util.List;
import java.util.stream.Collectors;

/** A record that does not meet its topic's contract; the message names every offending field. */
public class ContractViolationException extends RuntimeException {

    private final String topic;
    private final List<Violation> violations;

    public ContractViolationException(String topic, List<Violation> violations) {
        super("record for " + topic + " breaks its contract: "
                + violations.stream().map(Violation::toString).collect(Collectors.joining("; ")));
        this.topic = topic;
        this.violations = List.copyOf(violations);
    }

    public ContractViolationException(String topic, String field, String message, Throwable cause) {
        super("record for " + topic + " breaks its contract: " + new Violation(field, message), cause);
        this.topic = topic;
        this.violations = List.of(new Violation(field, message));
    }

    public String topic() {
        return topic;
    }

    public List<Violation> violations() {
        return violations;
    }
}
