package io.smoketrace.ui.fake;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.config.ConfigProvider;

/** Tests tell the {@link FakeServices} what to answer, over HTTP (it runs outside the application's class loader). */
public final class Lab {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Lab() {
    }

    /** The analyzer knows this target, traced by three agents over a path of {@code hops} TTLs. */
    public static void addTarget(String targetId, int hops) {
        control("/control/targets?id=" + URLEncoder.encode(targetId, StandardCharsets.UTF_8) + "&hops=" + hops);
    }

    /** Both services answer 503 (true) or work again (false). */
    public static void servicesDown(boolean down) {
        control("/control/down?on=" + down);
    }

    /** The fake alerting service's base URL, to read back what the console sent it. */
    public static String alertingUrl() {
        return ConfigProvider.getConfig().getValue("smoketrace.ui.services.alerting-url", String.class);
    }

    private static void control(String path) {
        String analyzer = ConfigProvider.getConfig().getValue("smoketrace.ui.services.path-analyzer-url", String.class);
        String base = analyzer.substring(0, analyzer.lastIndexOf("/analyzer"));
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + path))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() != 204) {
                throw new IllegalStateException("fake services refused " + path + ": HTTP " + response.statusCode());
            }
        } catch (IOException e) {
            throw new IllegalStateException("fake services unreachable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
