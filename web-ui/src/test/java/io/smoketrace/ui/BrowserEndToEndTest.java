package io.smoketrace.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smoketrace.infra.SmokeTraceInfra;
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
 * running test application. Screenshots go to {@code target/screenshots/}. Skipped only when
 * {@code /usr/bin/chromium} is not installed (CI installs {@code chromium chromium-driver}).
 */
@QuarkusTest
@QuarkusTestResource(SmokeTraceInfra.class)
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
        browser.findElement(By.linkText("Paths")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("not-available")));
        screenshot("06-paths-not-available-yet");
        browser.findElement(By.linkText("Overview")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("count-targets")));
        screenshot("07-overview");
    }

    private void screenshot(String name) throws IOException {
        Path file = SCREENSHOTS.resolve(name + ".png");
        Files.write(file, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
