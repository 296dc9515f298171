package io.smoketrace.ui.client;

import io.smoketrace.ui.config.UiConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether the services whose APIs the console will query are up, from their readiness endpoints, so
 * a page that needs one can say "unreachable" rather than show nothing. Answers are kept for a few
 * seconds so busy pages do not hammer the services. Blocking: call from worker threads.
 */
@ApplicationScoped
public class ServiceProbe {

    private static final Duration TIMEOUT = Duration.ofMillis(1500);
    private static final Duration KEEP = Duration.ofSeconds(10);

    /**
     * One service's state as the console sees it.
     *
     * @param name the service
     * @param url its base URL
     * @param reachable whether it answered its readiness check
     * @param detail the readiness status or why it could not be reached
     * @param checkedAt when it was checked
     */
    public record ServiceState(String name, String url, boolean reachable, String detail, Instant checkedAt) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final Map<String, ServiceState> recent = new ConcurrentHashMap<>();
    private final UiConfig config;

    public ServiceProbe(UiConfig config) {
        this.config = config;
    }

    public ServiceState pathAnalyzer() {
        return check("path-analyzer", config.services().pathAnalyzerUrl());
    }

    public ServiceState alerting() {
        return check("alerting-service", config.services().alertingUrl());
    }

    public List<ServiceState> all() {
        return List.of(pathAnalyzer(), alerting());
    }

    private ServiceState check(String name, String url) {
        ServiceState known = recent.get(name);
        if (known != null && known.checkedAt().plus(KEEP).isAfter(Instant.now())) {
            return known;
        }
        ServiceState state;
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(url.replaceAll("/+$", "")
                            + "/q/health/ready")).timeout(TIMEOUT).GET().build(), HttpResponse.BodyHandlers.discarding());
            state = new ServiceState(name, url, response.statusCode() == 200,
                    response.statusCode() == 200 ? "ready" : "not ready (HTTP " + response.statusCode() + ")", Instant.now());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            state = new ServiceState(name, url, false, "check interrupted", Instant.now());
        } catch (Exception e) {
            state = new ServiceState(name, url, false, "unreachable (" + JsonService.reason(e) + ")", Instant.now());
        }
        recent.put(name, state);
        return state;
    }
}
