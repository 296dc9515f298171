package io.smoketrace.ui;

import static io.restassured.RestAssured.given;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.smoketrace.ui.security.SessionStore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A browser-like client of the console in tests: logs in, keeps its session cookie and CSRF token. */
final class ConsoleUser {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final String session;
    private final String csrf;

    private ConsoleUser(String session, String csrf) {
        this.session = session;
        this.csrf = csrf;
    }

    /** Logs in through the login form as a browser would. */
    static ConsoleUser login(String user, String password) {
        Response form = given().redirects().follow(false).get("/login");
        String anonymous = form.cookie(SessionStore.COOKIE);
        Response login = given().redirects().follow(false).cookie(SessionStore.COOKIE, anonymous)
                .formParam("_csrf", csrfIn(form.asString())).formParam("username", user)
                .formParam("password", password).formParam("next", "/targets")
                .post("/login");
        if (login.statusCode() != 303) {
            throw new AssertionError("login as " + user + " failed: HTTP " + login.statusCode());
        }
        String session = login.cookie(SessionStore.COOKIE);
        String page = given().cookie(SessionStore.COOKIE, session).get("/targets").asString();
        return new ConsoleUser(session, csrfIn(page));
    }

    static String csrfIn(String html) {
        Matcher matcher = CSRF.matcher(html);
        if (!matcher.find()) {
            throw new AssertionError("no CSRF field in the page: " + html);
        }
        return matcher.group(1);
    }

    /** A request in this session, not following redirects. */
    RequestSpecification request() {
        return given().redirects().follow(false).cookie(SessionStore.COOKIE, session);
    }

    /** A form post in this session, with its CSRF token. */
    RequestSpecification form() {
        return request().formParam("_csrf", csrf);
    }

    String csrf() {
        return csrf;
    }

    /** The session cookie's value, for clients other than REST Assured. */
    String session() {
        return session;
    }
}
