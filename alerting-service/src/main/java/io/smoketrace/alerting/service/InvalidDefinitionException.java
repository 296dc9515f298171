package io.smoketrace.alerting.service;

import java.util.List;

/** A rule, silence or routing definition that cannot be used; each problem names its field. */
public class InvalidDefinitionException extends RuntimeException {

    private final String what;
    private final List<String> problems;

    public InvalidDefinitionException(String what, List<String> problems) {
        super("invalid " + what + ": " + String.join("; ", problems));
        this.what = what;
        this.problems = List.copyOf(problems);
    }

    public String what() {
        return what;
    }

    public List<String> problems() {
        return problems;
    }
}
