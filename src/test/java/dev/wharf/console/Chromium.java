package dev.wharf.console;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;

/**
 * Debian's headless Chromium driven by Debian's chromedriver (nothing is downloaded): a fresh
 * profile per instance, deleted on close. Waits are bounded; a condition not met in time fails
 * with what the page shows.
 */
final class Chromium implements AutoCloseable {
    static final String BINARY = "/usr/bin/chromium";
    static final String DRIVER = "/usr/bin/chromedriver";
    private static final Duration WAIT = Duration.ofSeconds(20);

    final ChromeDriver driver;
    private final Path profile;
    private final Path screenshots;

    /** @param extraArguments more Chromium switches, e.g. {@code --host-resolver-rules=...} */
    Chromium(int width, int height, Path screenshots, String... extraArguments) {
        try {
            this.profile = Files.createTempDirectory("wharf-chromium");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.screenshots = screenshots;
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY);
        // Chromium as root needs --no-sandbox; the rest keeps it from calling home or updating itself.
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-default-apps", "--user-data-dir=" + profile, "--window-size=" + width + "," + height);
        options.addArguments(extraArguments);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER))
                .usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(WAIT);
    }

    static boolean installed() {
        return Files.isExecutable(Path.of(BINARY)) && Files.isExecutable(Path.of(DRIVER));
    }

    <T> T until(Function<WebDriver, T> condition, String what) {
        try {
            return new WebDriverWait(driver, WAIT).withMessage(() -> what + "; the page shows:\n" + bodyText()).until(condition);
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    WebElement visible(By by) {
        return until(ExpectedConditions.visibilityOfElementLocated(by), "waiting for " + by);
    }

    /** Waits until the page's text contains {@code text}. */
    void sees(String text) {
        until(d -> bodyText().contains(text), "waiting for the text \"" + text + "\"");
    }

    String bodyText() {
        try {
            return driver.findElement(By.tagName("body")).getText();
        } catch (RuntimeException e) {
            return "(no body)";
        }
    }

    /** The label's control, found the way a person finds it: by the label's exact text. */
    WebElement labelled(String label) {
        WebElement l = visible(By.xpath("//label[normalize-space(.)='" + label + "']"));
        return driver.findElement(By.id(l.getAttribute("for")));
    }

    WebElement button(String text) {
        return visible(By.xpath("//button[normalize-space(.)='" + text + "']"));
    }

    void screenshot(String name) {
        try {
            Files.createDirectories(screenshots);
            Files.write(screenshots.resolve("console-" + name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            dev.wharf.testing.TestServer.deleteTree(profile);
        }
    }
}
