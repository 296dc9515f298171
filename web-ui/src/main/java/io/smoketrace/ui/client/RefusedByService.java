package io.smoketrace.ui.client;

import java.util.List;

/**
 * Another service refused a request as invalid (HTTP 400/409/422): each problem starts with the field
 * it concerns ({@code "matchers[0].value: not a valid regular expression"}).
 */
public class RefusedByService extends RuntimeException {

    private final List<String> problems;

    public RefusedByService(String title, List<String> problems) {
        super(title + ": " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
