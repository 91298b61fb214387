package io.netsift.server;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian Chromium driven by Debian's chromedriver (never a downloaded one: SE_OFFLINE
 * is set by surefire and both paths are given). When either is missing the browser tests are
 * skipped with a loud message, unless {@code CI_REQUIRE_BROWSER=1}, which makes them fail.
 */
final class Browser implements AutoCloseable {
  static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("NETSIFT_CHROMIUM", "/usr/bin/chromium"));
  static final Path DRIVER = Path.of(System.getenv().getOrDefault("NETSIFT_CHROMEDRIVER", "/usr/bin/chromedriver"));
  static final Path SHOTS = Path.of("target", "screenshots");

  final ChromeDriver driver;

  private Browser(ChromeDriver driver) {
    this.driver = driver;
  }

  /** Starts the browser, or skips / fails the calling test when it is not installed. */
  static Browser start() {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(DRIVER)) {
      String msg = "BROWSER TESTS SKIPPED: " + CHROMIUM + " or " + DRIVER
          + " is missing (run scripts/webui/ci-setup.sh; CI_REQUIRE_BROWSER=1 makes this a failure)";
      System.err.println("*** " + msg);
      if ("1".equals(System.getenv("CI_REQUIRE_BROWSER"))) {
        fail(msg);
      }
      Assumptions.abort(msg);
    }
    ChromeOptions o = new ChromeOptions();
    o.setBinary(CHROMIUM.toFile());
    o.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
        "--window-size=1400,1000", "--no-first-run", "--disable-extensions");
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
        .usingAnyFreePort().build();
    ChromeDriver d = new ChromeDriver(service, o);
    d.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    return new Browser(d);
  }

  void get(String url) {
    driver.get(url);
  }

  WebElement find(String css) {
    return driver.findElement(By.cssSelector(css));
  }

  List<WebElement> all(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  /**
   * Waits up to {@code seconds} for {@code condition} to be non-null and not false; rows the page
   * re-rendered meanwhile (stale elements) just mean "look again".
   */
  <T> T await(double seconds, String what, Function<WebDriver, T> condition) {
    return new WebDriverWait(driver, Duration.ofMillis((long) (seconds * 1000)), Duration.ofMillis(20))
        .withMessage(what).ignoring(StaleElementReferenceException.class).until(condition);
  }

  /** Waits for an element matching {@code css}. */
  WebElement awaitElement(String css) {
    return await(20, "element " + css, d -> {
      List<WebElement> l = d.findElements(By.cssSelector(css));
      return l.isEmpty() || !l.get(0).isDisplayed() ? null : l.get(0);
    });
  }

  /** Saves a PNG screenshot (and the page's HTML beside it) under target/screenshots. */
  void shot(String name) {
    try {
      Files.createDirectories(SHOTS);
      Files.write(SHOTS.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
      Files.writeString(SHOTS.resolve(name + ".html"), driver.getPageSource(), StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      System.err.println("screenshot " + name + " failed: " + e);
    }
  }

  @Override
  public void close() {
    driver.quit();
  }
}
