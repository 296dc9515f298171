package io.smoketrace.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smoketrace.common.serde.TopicCodec;
import io.smoketrace.common.target.TargetSpec;
import io.smoketrace.infra.SmokeTraceInfra;
import java.io.IOException;
import java.net.CookieHandler;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Single sign-on against a real identity provider: Keycloak 26 ({@link KeycloakServer}) with users in
 * groups mapped to console roles. Each user signs in as a browser would: the console sends them to
 * Keycloak, Keycloak's own login form is filled in and posted, Keycloak sends them back with a code the
 * console exchanges. Cookies are kept per user, redirects followed.
 */
@QuarkusTest
@QuarkusTestResource(SmokeTraceInfra.class)
@QuarkusTestResource(value = KeycloakServer.class, restrictToAnnotatedClass = true)
class OidcLoginTest {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final Pattern KC_FORM = Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");
    private static final Pattern REFRESH = Pattern.compile("http-equiv=\"refresh\" content=\"0;url=([^\"]+)\"");
    private static final int RUN = ThreadLocalRandom.current().nextInt(1, 250);

    @TestHTTPResource("/")
    URL base;

    @BeforeEach
    void keycloakRuns() {
        Assumptions.assumeTrue(KeycloakServer.available(), () -> "skipped: " + KeycloakServer.unavailable());
    }

    @Test
    void loginPageOffersSingleSignOnAndKeepsLocalUsersForBreakGlass() throws Exception {
        Browser browser = new Browser();
        HttpResponse<String> page = browser.get("/login");
        assertThat(page.body()).contains("Sign in with Keycloak").contains("id=\"login-form\"");
        // Local users still log in with the form (break-glass when the provider is down).
        ConsoleUser admin = ConsoleUser.login("admin", "admin-secret");
        admin.request().get("/admin").then().statusCode(200);
    }

    @Test
    void viewerFromKeycloakSeesPagesButCannotChangeTargets() throws Exception {
        Browser vera = new Browser();
        HttpResponse<String> landed = vera.signIn("vera", "vera-secret");
        assertThat(landed.statusCode()).isEqualTo(200);
        assertThat(landed.uri().getPath()).isEqualTo("/");
        assertThat(landed.body()).contains("vera").contains("viewer");

        HttpResponse<String> targets = vera.get("/targets");
        assertThat(targets.statusCode()).isEqualTo(200);
        assertThat(vera.get("/targets/new").statusCode()).isEqualTo(403);
        String csrf = csrfIn(targets.body());
        HttpResponse<String> refused = vera.post("/targets", target("vera-" + RUN, csrf));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("operator");
        assertThat(TargetsTopic.records("vera-" + RUN)).isEmpty();
    }

    @Test
    void operatorFromKeycloakAddsATargetAndTheAuditLogNamesThem() throws Exception {
        Browser otto = new Browser();
        HttpResponse<String> landed = otto.signIn("otto", "otto-secret");
        assertThat(landed.statusCode()).isEqualTo(200);
        assertThat(landed.body()).contains("otto").contains("operator");

        String id = "sso-" + RUN;
        String csrf = csrfIn(otto.get("/targets/new").body());
        HttpResponse<String> added = otto.post("/targets", target(id, csrf));
        assertThat(added.statusCode()).as(added.body()).isEqualTo(200);
        assertThat(added.uri().getPath()).isEqualTo("/targets");
        assertThat(added.body()).contains(id);

        var published = TargetsTopic.records(id);
        assertThat(published).hasSize(1);
        assertThat(TopicCodec.of(TargetSpec.class).decode(published.get(0).value()).updatedBy()).isEqualTo("otto");

        ConsoleUser admin = ConsoleUser.login("admin", "admin-secret");
        String audit = admin.request().get("/admin?object=" + id).then().statusCode(200).extract().asString();
        assertThat(audit).contains("TARGET_CREATED").contains("otto").contains("operator");
    }

    @Test
    void logoutEndsTheConsoleSessionAndTheKeycloakSession() throws Exception {
        Browser otto = new Browser();
        otto.signIn("otto", "otto-secret");
        String csrf = csrfIn(otto.get("/targets").body());

        HttpResponse<String> leaving = otto.post("/logout", Map.of("_csrf", csrf));
        assertThat(leaving.statusCode()).isEqualTo(200);
        Matcher refresh = REFRESH.matcher(leaving.body());
        assertThat(refresh.find()).as(leaving.body()).isTrue();
        String endSession = unescape(refresh.group(1));
        assertThat(endSession).startsWith(KeycloakServer.url() + "/realms/" + KeycloakServer.REALM)
                .contains("id_token_hint=");

        HttpResponse<String> back = otto.getAbsolute(endSession);
        assertThat(back.statusCode()).isEqualTo(200);
        assertThat(back.uri().getPath()).as("Keycloak sends the browser back to the console's login page")
                .isEqualTo("/login");

        // The console session is gone ...
        assertThat(otto.get("/targets").uri().getPath()).isEqualTo("/login");
        // ... and so is Keycloak's: single sign-on asks for the password again instead of signing in silently.
        HttpResponse<String> again = otto.get("/login/oidc");
        assertThat(again.uri().toString()).startsWith(KeycloakServer.url());
        assertThat(again.body()).contains("kc-form-login");
    }

    @Test
    void userInNoMappedGroupIsRefused() throws Exception {
        Browser ivan = new Browser();
        HttpResponse<String> refused = ivan.signIn("ivan", "ivan-secret");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("No console role").contains("interns").contains("id=\"provider-logout\"");
        assertThat(ivan.get("/targets").uri().getPath()).isEqualTo("/login");
    }

    @Test
    void wrongPasswordAtKeycloakSignsNobodyIn() throws Exception {
        Browser someone = new Browser();
        HttpResponse<String> answer = someone.signIn("otto", "guess");
        assertThat(answer.uri().toString()).startsWith(KeycloakServer.url());
        assertThat(answer.body()).contains("Invalid username or password");
        assertThat(someone.get("/targets").uri().getPath()).isEqualTo("/login");
    }

    private static Map<String, String> target(String id, String csrf) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("_csrf", csrf);
        form.put("targetId", id);
        form.put("host", "sso.example.net");
        form.put("tool", "MTR");
        form.put("protocol", "ICMP");
        form.put("intervalSeconds", "60");
        form.put("timeoutSeconds", "45");
        form.put("probesPerHop", "10");
        form.put("maxTtl", "30");
        form.put("enabled", "on");
        return form;
    }

    private static String csrfIn(String html) {
        Matcher matcher = CSRF.matcher(html);
        assertThat(matcher.find()).as("a CSRF field in " + html).isTrue();
        return matcher.group(1);
    }

    private static String unescape(String html) {
        return html.replace("&amp;", "&").replace("&#x3D;", "=").replace("&#61;", "=");
    }

    /**
     * A browser's cookie jar, per host and port: unlike the JDK's CookieManager it sends cookies marked
     * {@code Secure} over plain HTTP to localhost, as browsers do (Keycloak marks its login cookies Secure).
     */
    private static final class Jar extends CookieHandler {

        private final Map<String, Map<String, String>> cookies = new ConcurrentHashMap<>();

        @Override
        public Map<String, List<String>> get(URI uri, Map<String, List<String>> requestHeaders) {
            Map<String, String> jar = cookies.getOrDefault(uri.getAuthority(), Map.of());
            if (jar.isEmpty()) {
                return Map.of();
            }
            return Map.of("Cookie", List.of(jar.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("; "))));
        }

        @Override
        public void put(URI uri, Map<String, List<String>> responseHeaders) {
            Map<String, String> jar = cookies.computeIfAbsent(uri.getAuthority(), k -> new ConcurrentHashMap<>());
            responseHeaders.forEach((header, values) -> {
                if (header != null && header.equalsIgnoreCase("Set-Cookie")) {
                    for (String value : values) {
                        String pair = value.split(";", 2)[0];
                        int eq = pair.indexOf('=');
                        String name = pair.substring(0, eq).trim();
                        String lower = value.toLowerCase(Locale.ROOT);
                        if (lower.contains("max-age=0") || lower.contains("expires=thu, 01 jan 1970")
                                || lower.contains("expires=thu, 01-jan-1970")) {
                            jar.remove(name);
                        } else {
                            jar.put(name, pair.substring(eq + 1).trim());
                        }
                    }
                }
            });
        }
    }

    /** One user's browser: its own cookies (console and Keycloak), redirects followed. */
    private final class Browser {

        private final HttpClient http = HttpClient.newBuilder()
                .cookieHandler(new Jar())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(5))
                .build();

        HttpResponse<String> get(String path) throws Exception {
            return getAbsolute(base.toURI().resolve(path).toString());
        }

        HttpResponse<String> getAbsolute(String url) throws IOException, InterruptedException {
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> post(String path, Map<String, String> form) throws Exception {
            return postAbsolute(base.toURI().resolve(path).toString(), form);
        }

        HttpResponse<String> postAbsolute(String url, Map<String, String> form) throws IOException, InterruptedException {
            String body = form.entrySet().stream()
                    .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                            + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
            return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        /** "Sign in with Keycloak", then Keycloak's login form; returns the page the browser ends on. */
        HttpResponse<String> signIn(String user, String password) throws Exception {
            HttpResponse<String> login = get("/login/oidc");
            assertThat(login.uri().toString()).as("the console sends the browser to Keycloak")
                    .startsWith(KeycloakServer.url() + "/realms/" + KeycloakServer.REALM);
            Matcher form = KC_FORM.matcher(login.body());
            assertThat(form.find()).as("Keycloak's login form in " + login.body()).isTrue();
            return postAbsolute(unescape(form.group(1)), Map.of("username", user, "password", password,
                    "credentialId", ""));
        }
    }
}
