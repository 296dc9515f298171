package io.smoketrace.alerting.rest;

import java.util.List;

/**
 * An error answer: what went wrong and, for a refused definition, each problem with its field.
 *
 * @param title what went wrong
 * @param errors one entry per problem, each starting with the field it concerns
 */
public record Problem(String title, List<String> errors) {
}
