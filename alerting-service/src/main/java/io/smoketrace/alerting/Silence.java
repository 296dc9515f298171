package io.smoketrace.alerting;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Mutes the alerts whose labels match every matcher between {@code startsAt} and {@code endsAt}.
 *
 * @param id assigned by the service
 * @param matchers all must match
 * @param startsAt when it starts; now when absent
 * @param endsAt when it expires
 * @param createdBy who asked for it
 * @param comment why
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Silence(
        String id,
        @NotEmpty(message = "must have at least one matcher") List<@NotNull @Valid Matcher> matchers,
        Instant startsAt,
        @NotNull(message = "must say when the silence expires") Instant endsAt,
        @Size(max = 200) String createdBy,
        @Size(max = 2000) String comment) {

    public Silence {
        matchers = matchers == null ? List.of() : List.copyOf(matchers);
    }

    /** Checks Bean Validation cannot express; each problem names its field. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < matchers.size(); i++) {
            String problem = matchers.get(i).problem();
            if (problem != null) {
                problems.add("matchers[" + i + "].value: " + problem);
            }
        }
        if (startsAt != null && endsAt != null && !endsAt.isAfter(startsAt)) {
            problems.add("endsAt: must be after startsAt (" + startsAt + ")");
        }
        return problems;
    }

    /** Whether it mutes at this moment. */
    public boolean activeAt(Instant now) {
        return (startsAt == null || !now.isBefore(startsAt)) && now.isBefore(endsAt);
    }

    /** This silence, expired at the given moment. */
    public Silence expiredAt(Instant now) {
        Instant start = startsAt == null || startsAt.isAfter(now) ? now : startsAt;
        return new Silence(id, matchers, start, now, createdBy, comment);
    }
}
