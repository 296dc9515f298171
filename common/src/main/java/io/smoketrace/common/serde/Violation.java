package io.smoketrace.common.serde;

/**
 * One way a record breaks its topic's contract.
 *
 * @param field the offending field as a path from the record root, for example {@code hops[2].responders[0].sent}; empty for the root
 * @param message what is wrong with it
 */
public record Violation(String field, String message) {

    @Override
    public String toString() {
        return (field.isEmpty() ? "(record)" : field) + ": " + message;
    }
}
