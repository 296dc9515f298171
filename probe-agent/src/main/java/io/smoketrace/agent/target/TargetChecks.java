package io.smoketrace.agent.target;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import inet.ipaddr.IPAddressString;
import io.smoketrace.common.serde.ContractViolationException;
import io.smoketrace.common.serde.Json;
import io.smoketrace.common.serde.TopicCodec;
import io.smoketrace.common.serde.Violation;
import io.smoketrace.common.target.ProbeTool;
import io.smoketrace.common.target.TargetSpec;
import io.smoketrace.common.topic.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Whether a target spec can be run: the topic contract (schema, field by field) and then what the
 * schema cannot say, such as an IPv6 address with an IPv4 preference or an mtr timeout shorter than
 * its rounds take.
 */
public final class TargetChecks {

    private static final TopicCodec<TargetSpec> CODEC = TopicCodec.of(TargetSpec.class);
    private static final Pattern IPV4 = Pattern.compile("^\\d{1,3}(\\.\\d{1,3}){3}$");
    private static final Pattern HOST_NAME = Pattern.compile(
            "^(?=.{1,253}$)([A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)(\\.[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)*\\.?$");

    private TargetChecks() {
    }

    /**
     * Decodes and checks a record of the targets topic.
     *
     * @throws ContractViolationException naming every offending field
     */
    public static TargetSpec decode(String key, byte[] value) {
        TargetSpec spec = CODEC.decode(value);
        List<Violation> violations = new ArrayList<>(semantic(spec));
        if (key != null && !key.equals(spec.targetId())) {
            violations.add(new Violation("targetId", "'" + spec.targetId() + "' differs from the record key '" + key + "'"));
        }
        if (!violations.isEmpty()) {
            throw new ContractViolationException(Topics.TARGETS, violations);
        }
        return spec;
    }

    /**
     * Checks a target given as a JSON tree (from the local targets file).
     *
     * @throws ContractViolationException naming every offending field
     */
    public static TargetSpec decode(JsonNode tree) {
        try {
            return decode(null, Json.mapper().writeValueAsBytes(tree));
        } catch (JsonProcessingException e) {
            throw new ContractViolationException(Topics.TARGETS, "", e.getOriginalMessage(), e);
        }
    }

    /** Linux traceroute's limit on -q. */
    static final int TRACEROUTE_MAX_PROBES = 10;

    /** What the schema lets through but the agent cannot run. */
    static List<Violation> semantic(TargetSpec spec) {
        List<Violation> violations = new ArrayList<>();
        String host = spec.host();
        boolean v4 = IPV4.matcher(host).matches();
        boolean v6 = host.indexOf(':') >= 0;
        if (v4 && !validIpv4(host)) {
            violations.add(new Violation("host", "'" + host + "' is not a valid IPv4 address"));
        } else if (v6 && new IPAddressString(host).getAddress() == null) {
            violations.add(new Violation("host", "'" + host + "' is not a valid IPv6 address"));
        } else if (!v4 && !v6 && !HOST_NAME.matcher(host).matches()) {
            violations.add(new Violation("host", "'" + host + "' is neither an IP address nor a host name"));
        }
        if (spec.addressFamily() == TargetSpec.AddressFamilyPreference.IPV4 && v6) {
            violations.add(new Violation("addressFamily", "IPV4 asked for, but host " + host + " is an IPv6 address"));
        }
        if (spec.addressFamily() == TargetSpec.AddressFamilyPreference.IPV6 && v4) {
            violations.add(new Violation("addressFamily", "IPV6 asked for, but host " + host + " is an IPv4 address"));
        }
        if (spec.tool() == ProbeTool.TCPTRACEROUTE && (v6 || spec.addressFamily() == TargetSpec.AddressFamilyPreference.IPV6)) {
            violations.add(new Violation("tool", "tcptraceroute probes IPv4 only; use TRACEROUTE or SCAMPER with protocol TCP for IPv6"));
        }
        if (spec.tool() == ProbeTool.TRACEROUTE && spec.probesPerHop() > TRACEROUTE_MAX_PROBES) {
            // Linux traceroute refuses more ("no more than 10 probes per hop"): every run would fail.
            violations.add(new Violation("probesPerHop", spec.probesPerHop() + " probes per hop: traceroute sends at most "
                    + TRACEROUTE_MAX_PROBES + " per hop; use MTR or SCAMPER for more samples"));
        }
        if (spec.tool() == ProbeTool.MTR && spec.timeoutSeconds() <= spec.probesPerHop()) {
            violations.add(new Violation("timeoutSeconds", spec.timeoutSeconds() + " s is too short: mtr sends one round per second and "
                    + spec.probesPerHop() + " rounds (probesPerHop) take longer; use at least " + (spec.probesPerHop() + 5)));
        }
        return violations;
    }

    private static boolean validIpv4(String host) {
        for (String part : host.split("\\.")) {
            if (Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }
}
