package io.smoketrace.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smoketrace.infra.SmokeTraceInfra;
import io.smoketrace.ui.fake.FakeServices;
import io.smoketrace.ui.fake.Lab;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real browser: Debian's headless Chromium driven through chromedriver against the
 * running test application, with the path analyzer's and alerting service's answers served over HTTP
 * by {@link FakeServices}. Screenshots go to {@code target/screenshots/}. Skipped only when
 * {@code /usr/bin/chromium} is not installed (CI installs {@code chromium chromium-driver}).
 */
@QuarkusTest
@QuarkusTestResource(SmokeTraceInfra.class)
@QuarkusTestResource(FakeServices.class)
class BrowserEndToEndTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @TestHTTPResource("/")
    URL base;

    private WebDriver browser;
    private WebDriverWait wait;
    private Path profile;

    @BeforeEach
    void startBrowser() throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM),
                "skipped: /usr/bin/chromium is not installed (apt-get install chromium chromium-driver)");
        assertThat(CHROMEDRIVER).as("chromium is installed but chromedriver is not: apt-get install chromium-driver")
                .isExecutable();
        Files.createDirectories(SCREENSHOTS);
        profile = Files.createTempDirectory("smoketrace-chromium");
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments("--headless",
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--window-size=1400,1000",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    }

    @AfterEach
    void stopBrowser() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void operatorLogsInAddsATargetAndSeesFieldMessages() throws IOException {
        String targetId = "e2e-web-" + System.currentTimeMillis() % 100_000;
        browser.get(base + "targets");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));
        assertThat(browser.getCurrentUrl()).contains("/login?next=");
        screenshot("01-login");

        browser.findElement(By.id("username")).sendKeys("operator");
        browser.findElement(By.id("password")).sendKeys("operator-secret");
        browser.findElement(By.cssSelector("#login-form button[type=submit]")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("add-target"))).click();

        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("target-form")));
        browser.findElement(By.id("field-targetId")).sendKeys(targetId);
        browser.findElement(By.id("field-host")).sendKeys("e2e.example.net");
        browser.findElement(By.id("field-selector.tags")).sendKeys("europe");
        screenshot("02-new-target");
        browser.findElement(By.id("save-target")).click();

        WebElement row = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("target-" + targetId)));
        assertThat(row.getText()).contains("e2e.example.net", "MTR ICMP", "agents tagged europe");
        assertThat(browser.findElement(By.id("notice")).getText()).contains(targetId);
        // Server-sent events are connected (the page would reload the table on a change).
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("live-state"), "live"));
        screenshot("03-target-listed");

        // The filter box reloads only the table rows, with htmx.
        browser.findElement(By.cssSelector("input.filter")).sendKeys("no-such-target");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("target-rows"), "No target matches"));
        browser.findElement(By.cssSelector("input.filter")).clear();
        browser.findElement(By.cssSelector("input.filter")).sendKeys("e2e");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("target-" + targetId)));

        browser.findElement(By.id("add-target")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("target-form")));
        browser.findElement(By.id("field-host")).sendKeys("not a host!");
        new Select(browser.findElement(By.id("field-protocol"))).selectByVisibleText("TCP");
        browser.findElement(By.id("save-target")).click();

        WebElement hostError = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("error-host")));
        assertThat(hostError.getText()).contains("neither an IP address nor a valid host name");
        assertThat(browser.findElement(By.id("error-port")).getText()).contains("TCP probes need a destination port");
        // The message sits in the same field block as its input.
        assertThat(hostError.findElement(By.xpath("..")).findElement(By.id("field-host")).getAttribute("value"))
                .isEqualTo("not a host!");
        screenshot("04-validation-messages");

        browser.findElement(By.linkText("Agents")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("agent-rows")));
        screenshot("05-agents");
    }

    @Test
    void operatorSeesThePathTheSmokeAChangeAndSilencesIt() throws IOException {
        String targetId = "e2e-path-" + System.currentTimeMillis() % 100_000;
        logIn("operator", "operator-secret");
        browser.get(base + "targets/new");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("target-form")));
        browser.findElement(By.id("field-targetId")).sendKeys(targetId);
        browser.findElement(By.id("field-host")).sendKeys("www.example.net");
        browser.findElement(By.id("save-target")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("target-" + targetId)));
        // The agents trace it; the analyzer now has paths, smoke and a change for it.
        Lab.addTarget(targetId, 8);

        browser.get(base.toString());
        WebElement cell = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("cell-" + targetId + "-fra1")));
        assertThat(cell.getAttribute("class")).contains("cell-path-changed");
        assertThat(browser.findElement(By.id("cell-" + targetId + "-ams1")).getAttribute("class")).contains("cell-worse");
        screenshot("10-overview-matrix");

        cell.findElement(By.tagName("a")).click();
        WebElement graph = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#agent-fra1 svg.path-graph")));
        assertThat(graph.getSize().getHeight()).isGreaterThan(300);
        assertThat(graph.findElements(By.cssSelector("g.hop"))).hasSize(9);
        assertThat(graph.findElements(By.cssSelector("text.as-boundary-label"))).extracting(WebElement::getText)
                .contains("AS64500 \u2192 AS64510");
        WebElement smoke = browser.findElement(By.cssSelector("#smoke-fra1 svg.smoke"));
        assertThat(smoke.getSize().getWidth()).isGreaterThan(400);
        assertThat(smoke.findElements(By.cssSelector("rect.median"))).hasSizeGreaterThan(250);
        assertThat(browser.findElements(By.cssSelector("#hops-fra1 tbody tr"))).hasSize(9);
        screenshot("11-target-path-graph-and-smoke");

        WebElement change = browser.findElement(By.cssSelector("#timeline li.event"));
        assertThat(change.getText()).contains("IP_PATH_CHANGED", "fra1", "hop 6");
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView()", change);
        assertThat(change.findElement(By.cssSelector("table.diff-table tr.changed")).getText())
                .contains("192.0.2.6", "192.0.2.66");
        assertThat(change.findElement(By.cssSelector("details.bgp-updates")).getText()).contains("64999 64510 64520");
        screenshot("12-change-timeline");

        browser.findElement(By.cssSelector("#ranges a[href*='range=7d']")).click();
        wait.until(ExpectedConditions.attributeContains(By.cssSelector("#ranges a[href*='range=7d']"), "class", "current"));
        assertThat(browser.findElements(By.cssSelector("#smoke-fra1 rect.median"))).hasSizeGreaterThan(300);

        browser.findElement(By.linkText("Alerts")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("firing")));
        browser.findElement(By.cssSelector("#firing a[href*='" + targetId + "']")).isDisplayed();
        browser.findElement(By.cssSelector("#firing a[href*='silences/new'][href*='" + targetId + "']")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("silence-form")));
        assertThat(browser.findElement(By.id("field-matchers")).getAttribute("value")).isEqualTo("targetId=\"" + targetId + "\"");
        browser.findElement(By.id("field-duration")).clear();
        browser.findElement(By.id("field-duration")).sendKeys("a while");
        browser.findElement(By.id("save-silence")).click();
        WebElement durationError = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("error-duration")));
        assertThat(durationError.getText()).contains("is not a duration");
        assertThat(browser.findElement(By.id("error-comment")).getText()).contains("say why");
        screenshot("13-silence-field-messages");

        browser.findElement(By.id("field-duration")).clear();
        browser.findElement(By.id("field-duration")).sendKeys("2h");
        browser.findElement(By.id("field-comment")).sendKeys("e2e maintenance");
        browser.findElement(By.id("save-silence")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "added"));
        assertThat(browser.findElement(By.id("silences")).getText()).contains(targetId, "e2e maintenance", "operator");
        assertThat(browser.findElement(By.id("firing")).getText()).contains("silenced");
        screenshot("14-silence-created");

        browser.findElement(By.linkText("BGP")).click();
        browser.findElement(By.id("field-q")).sendKeys("203.0.113.10");
        browser.findElement(By.cssSelector("#lookup-form button")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("routes")));
        screenshot("15-bgp-lookup");
    }

    private void logIn(String user, String password) {
        browser.get(base + "login");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.cssSelector("#login-form button[type=submit]")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("count-targets")));
    }

    private void screenshot(String name) throws IOException {
        Path file = SCREENSHOTS.resolve(name + ".png");
        Files.write(file, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
