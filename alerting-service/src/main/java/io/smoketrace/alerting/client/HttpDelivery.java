package io.smoketrace.alerting.client;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;

/**
 * POSTs JSON to webhook-style receivers with a hard per-attempt timeout. 2xx is delivered; 408, 425,
 * 429 and 5xx are worth retrying; any other answer is a refusal that retrying cannot fix.
 */
@ApplicationScoped
public class HttpDelivery {

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    /** POSTs the body; returns the status line in words or throws. */
    public String post(String url, byte[] body, Map<String, String> headers, Duration timeout) throws DeliveryException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "SmokeTrace-alerting")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new DeliveryException("no answer within " + timeout.toMillis() + " ms", false, e);
        } catch (IOException e) {
            throw new DeliveryException("cannot reach " + URI.create(url).getAuthority() + ": " + describe(e), false, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException("interrupted (service stopping)", false, e);
        }
        int status = response.statusCode();
        String answer = "HTTP " + status + excerpt(response.body());
        if (status >= 200 && status < 300) {
            return answer;
        }
        boolean retryable = status >= 500 || status == 408 || status == 425 || status == 429;
        throw new DeliveryException(answer, !retryable);
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            message = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage()
                    : e.getClass().getSimpleName();
        }
        return message;
    }

    private static String excerpt(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String oneLine = body.strip().replaceAll("\\s+", " ");
        return ": " + (oneLine.length() > 200 ? oneLine.substring(0, 200) + "..." : oneLine);
    }
}
