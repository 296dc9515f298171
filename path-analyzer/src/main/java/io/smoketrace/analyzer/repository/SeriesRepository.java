package io.smoketrace.analyzer.repository;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Latency and loss over time for one (agent, target) pair, from the per-hop statistics each stored
 * trace keeps ({@code trace.hop_stats}), summarised per time bucket in the database so that a month
 * of one-minute traces comes back as a few hundred rows.
 */
@ApplicationScoped
public class SeriesRepository {

    /*
     * One sample per trace: the destination (the last TTL, and only when the trace reached the target:
     * an unreached destination is 100 % loss) or the hop at a given TTL. Buckets are aligned on the
     * epoch so the same range asked twice gives the same buckets. A hop is looked up by position first
     * (TTLs usually start at 1 without gaps) and searched for only when that element is another TTL.
     * The five percentiles come from one sort per bucket (the array form of percentile_cont).
     */
    private static final String SERIES = """
            SELECT bucket, traces, min_ms, p[1], p[2], p[3], p[4], p[5], max_ms, loss
              FROM (SELECT bucket, count(*) AS traces, min(best) AS min_ms,
                           percentile_cont(ARRAY[0.10, 0.25, 0.50, 0.75, 0.90]) WITHIN GROUP (ORDER BY avg) AS p,
                           max(worst) AS max_ms, avg(loss) AS loss
                      FROM (SELECT date_bin(make_interval(secs => CAST(:step AS integer)), t.started_at,
                                            TIMESTAMPTZ '1970-01-01 00:00:00+00') AS bucket,
                                   CAST(s.stats ->> 'rttAvgMs' AS float8) AS avg,
                                   CAST(s.stats ->> 'rttBestMs' AS float8) AS best,
                                   CAST(s.stats ->> 'rttWorstMs' AS float8) AS worst,
                                   coalesce(CAST(s.stats ->> 'lossPercent' AS float8), 100.0) AS loss
                              FROM trace t
                              CROSS JOIN LATERAL (
                                   SELECT CASE WHEN CAST(:ttl AS integer) = 0
                                               THEN CASE WHEN t.destination_reached THEN t.hop_stats -> -1 END
                                               WHEN CAST(t.hop_stats -> (CAST(:ttl AS integer) - 1) ->> 'ttl' AS integer)
                                                    = CAST(:ttl AS integer)
                                               THEN t.hop_stats -> (CAST(:ttl AS integer) - 1)
                                               ELSE jsonb_path_query_first(t.hop_stats, '$[*] ? (@.ttl == $ttl)',
                                                                           jsonb_build_object('ttl', CAST(:ttl AS integer)))
                                          END AS stats) s
                             WHERE t.agent_id = :agent AND t.target_id = :target
                               AND t.started_at >= :from AND t.started_at < :to
                               AND t.hop_stats IS NOT NULL) samples
                     GROUP BY bucket) buckets
             ORDER BY bucket
            """;

    /**
     * One time bucket: RTT percentiles over the traces' average RTTs, the lowest best and highest
     * worst RTT, and the mean loss.
     *
     * @param start the bucket's start
     * @param traces traces in the bucket
     * @param minMs the best RTT of any trace, or null when nothing answered
     * @param p10Ms 10th percentile of the traces' average RTT
     * @param p25Ms 25th percentile
     * @param medianMs the median
     * @param p75Ms 75th percentile
     * @param p90Ms 90th percentile
     * @param maxMs the worst RTT of any trace
     * @param lossPercent the mean loss over the bucket's traces
     */
    public record Bucket(Instant start, int traces, Double minMs, Double p10Ms, Double p25Ms, Double medianMs, Double p75Ms,
                         Double p90Ms, Double maxMs, double lossPercent) {
    }

    /**
     * The buckets of one pair between {@code from} (inclusive) and {@code to} (exclusive), oldest first;
     * buckets without traces are absent.
     *
     * @param ttl the hop, or 0 for the destination
     */
    public Uni<List<Bucket>> series(Mutiny.Session session, String agentId, String targetId, int ttl, Instant from, Instant to,
                                    Duration step) {
        return session.createNativeQuery(SERIES, Object[].class)
                .setParameter("step", (int) step.toSeconds())
                .setParameter("ttl", ttl)
                .setParameter("agent", agentId)
                .setParameter("target", targetId)
                .setParameter("from", PathRepository.at(from))
                .setParameter("to", PathRepository.at(to))
                .getResultList()
                .map(rows -> {
                    List<Bucket> buckets = new ArrayList<>(rows.size());
                    for (Object[] row : rows) {
                        buckets.add(new Bucket(PathRepository.instant(row[0]), ((Number) row[1]).intValue(), number(row[2]),
                                number(row[3]), number(row[4]), number(row[5]), number(row[6]), number(row[7]), number(row[8]),
                                row[9] == null ? 100.0 : ((Number) row[9]).doubleValue()));
                    }
                    return buckets;
                });
    }

    private static Double number(Object value) {
        return value == null ? null : ((Number) value).doubleValue();
    }
}
