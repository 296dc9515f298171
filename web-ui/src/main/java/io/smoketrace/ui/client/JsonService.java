package io.smoketrace.ui.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smoketrace.common.serde.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A JSON REST API of another SmokeTrace service, with short timeouts: a page must say "unreachable"
 * quickly rather than hang. Answers: the value, empty for 404, {@link RefusedByService} for a refused
 * request (400, 409, 422), {@link ServiceUnavailable} for everything else.
 */
public final class JsonService {

    private static final ObjectMapper JSON = Json.mapper();

    private final String name;
    private final String baseUrl;
    private final Duration timeout;
    private final HttpClient http;

    public JsonService(String name, String baseUrl, Duration connectTimeout, Duration timeout) {
        this.name = name;
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    public String name() {
        return name;
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** A path with query parameters; null and blank values are left out. */
    public static String path(String path, Object... keysAndValues) {
        Map<String, Object> query = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            Object value = keysAndValues[i + 1];
            if (value != null && !value.toString().isBlank()) {
                query.put(keysAndValues[i].toString(), value);
            }
        }
        StringBuilder sb = new StringBuilder(path);
        char separator = '?';
        for (Map.Entry<String, Object> e : query.entrySet()) {
            sb.append(separator).append(e.getKey()).append('=')
                    .append(URLEncoder.encode(e.getValue().toString(), StandardCharsets.UTF_8));
            separator = '&';
        }
        return sb.toString();
    }

    /** Encodes one path segment (a target or agent id). */
    public static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    public <T> CompletableFuture<Optional<T>> get(String path, Class<T> type) {
        return send("GET", path, null, JSON.constructType(type));
    }

    public <T> CompletableFuture<Optional<List<T>>> getList(String path, Class<T> type) {
        return send("GET", path, null, JSON.getTypeFactory().constructCollectionType(List.class, type));
    }

    public <T> CompletableFuture<Optional<T>> post(String path, Object body, Class<T> type) {
        return send("POST", path, body, JSON.constructType(type));
    }

    public <T> CompletableFuture<Optional<T>> put(String path, Object body, Class<T> type) {
        return send("PUT", path, body, JSON.constructType(type));
    }

    /** DELETE; the answer body, if any, is read as {@code type} (use {@link JsonNode} to ignore it). */
    public <T> CompletableFuture<Optional<T>> delete(String path, Class<T> type) {
        return send("DELETE", path, null, JSON.constructType(type));
    }

    /** DELETE whose answer does not matter: true when done, false when there was nothing to delete (404). */
    public CompletableFuture<Boolean> delete(String path) {
        return send("DELETE", path, null, JSON.constructType(JsonNode.class)).thenApply(o -> true)
                .exceptionallyCompose(e -> e instanceof NotFound || e.getCause() instanceof NotFound
                        ? CompletableFuture.completedFuture(false) : CompletableFuture.failedFuture(e));
    }

    /** A 404 where the caller must tell it apart from an empty answer. */
    private static final class NotFound extends RuntimeException {
        NotFound() {
            super(null, null, false, false);
        }
    }

    /**
     * The answer of a call, waiting at most {@code timeout}: a refusal ({@link RefusedByService}) as it
     * is, anything else as {@link ServiceUnavailable} of {@code service} with the reason.
     */
    public static <T> T await(CompletableFuture<T> call, Duration timeout, String service) {
        try {
            return call.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ServiceUnavailable || e.getCause() instanceof RefusedByService) {
                throw (RuntimeException) e.getCause();
            }
            throw new ServiceUnavailable(service, "failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            call.cancel(true);
            throw new ServiceUnavailable(service, "did not answer within " + timeout.toMillis() + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceUnavailable(service, "call interrupted", e);
        }
    }

    private <T> CompletableFuture<Optional<T>> send(String method, String path, Object body, JavaType type) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(timeout)
                .header("Accept", "application/json");
        try {
            if (body != null) {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
            } else {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            }
        } catch (JsonProcessingException e) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("cannot write the request as JSON", e));
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray())
                .handle((response, failure) -> {
                    if (failure != null) {
                        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                                ? failure.getCause() : failure;
                        throw new ServiceUnavailable(name, cause instanceof HttpTimeoutException
                                ? "did not answer within " + timeout.toMillis() + " ms"
                                : "is unreachable at " + baseUrl + " (" + reason(cause) + ")", cause);
                    }
                    return this.<T>read(method, path, response, type);
                });
    }

    private <T> Optional<T> read(String method, String path, HttpResponse<byte[]> response, JavaType type) {
        int status = response.statusCode();
        try {
            if (status == 404) {
                if ("DELETE".equals(method) && type.getRawClass() == JsonNode.class) {
                    throw new NotFound();
                }
                return Optional.empty();
            }
            if (status == 400 || status == 409 || status == 422) {
                throw refused(response.body());
            }
            if (status / 100 != 2) {
                throw new ServiceUnavailable(name, "answered " + method + " " + path + " with HTTP " + status
                        + message(response.body()), null);
            }
            if (response.body().length == 0 || type.getRawClass() == Void.class) {
                return Optional.empty();
            }
            return Optional.ofNullable(JSON.readValue(response.body(), type));
        } catch (IOException e) {
            throw new ServiceUnavailable(name, "sent an answer to " + method + " " + path + " the console cannot read ("
                    + e.getMessage() + ")", e);
        }
    }

    /** The problems of a refusal: the alerting service's {@code {title, errors}}, the analyzer's {@code {status, message}}. */
    private static RefusedByService refused(byte[] body) throws IOException {
        JsonNode node = body.length == 0 ? null : JSON.readTree(body);
        List<String> problems = new ArrayList<>();
        String title = "refused";
        if (node != null) {
            if (node.hasNonNull("title")) {
                title = node.get("title").asText();
            }
            if (node.has("errors")) {
                node.get("errors").forEach(e -> problems.add(e.asText()));
            }
            if (problems.isEmpty() && node.hasNonNull("message")) {
                problems.add(node.get("message").asText());
            }
        }
        if (problems.isEmpty()) {
            problems.add("the request was refused without a reason");
        }
        return new RefusedByService(title, problems);
    }

    private static String message(byte[] body) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node != null && node.hasNonNull("message")) {
                return ": " + node.get("message").asText();
            }
        } catch (IOException | RuntimeException e) {
            // not JSON: the status says enough
        }
        return "";
    }

    /** The most specific message in the chain ("Connection refused"), or the exception's kind. */
    static String reason(Throwable e) {
        String reason = e.getClass().getSimpleName();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                reason = t.getMessage();
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return reason;
    }
}
