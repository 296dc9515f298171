package io.smoketrace.alerting.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Checks a definition with Bean Validation and its own rules, refusing it with every problem named by field. */
@ApplicationScoped
public class DefinitionChecks {

    private final Validator validator;

    public DefinitionChecks(Validator validator) {
        this.validator = validator;
    }

    /**
     * @param what rule, silence or routing, for the message
     * @param extra the definition's own checks, run when Bean Validation passes
     */
    public <T> void check(String what, T definition, java.util.function.Function<T, List<String>> extra) {
        if (definition == null) {
            throw new InvalidDefinitionException(what, List.of("body: a " + what + " definition is required"));
        }
        List<String> problems = new ArrayList<>();
        validator.validate(definition).stream()
                .sorted(Comparator.comparing((ConstraintViolation<T> v) -> v.getPropertyPath().toString()))
                .forEach(v -> problems.add(v.getPropertyPath() + ": " + v.getMessage()));
        if (problems.isEmpty()) {
            problems.addAll(extra.apply(definition));
        }
        if (!problems.isEmpty()) {
            throw new InvalidDefinitionException(what, problems.stream().map(DefinitionChecks::tidy).toList());
        }
    }

    /** Bean Validation writes container elements as {@code matchers[0].<list element>}; say it as a path. */
    private static String tidy(String problem) {
        return problem.replace(".<list element>", "").replace(".<iterable element>", "").replace("<list element>", "")
                .replace("<iterable element>", "");
    }
}
