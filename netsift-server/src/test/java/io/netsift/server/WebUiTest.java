package io.netsift.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * The web UI in headless Chromium against a real server on a loopback port over a temporary
 * data directory (SQLite): upload, filter bar, packet list, detail tree and hex highlighting,
 * follow stream, I/O graph and protocol hierarchy; the bearer-token flow; and a 200,000-packet
 * capture scrolled from end to start. Screenshots go to target/screenshots.
 */
class WebUiTest {
  /** Packets of the large capture: a million, as issue 10 asks (the list maps scroll position to rows past 8M px); -Dnetsift.webui.large=N for quicker runs. */
  static final int LARGE = Integer.getInteger("netsift.webui.large", 1_000_000);
  static Browser browser;
  @TempDir Path tmp;

  @BeforeAll
  static void startBrowser() {
    browser = Browser.start();
  }

  @AfterAll
  static void stopBrowser() {
    if (browser != null) {
      browser.close();
    }
  }

  /** Runs {@code body}, saving a screenshot named {@code name}-failed when it throws. */
  static void shootOnFailure(String name, ThrowingRunnable body) throws Exception {
    try {
      body.run();
    } catch (Exception | AssertionError e) {
      browser.shot(name + "-failed");
      throw e;
    }
  }

  interface ThrowingRunnable {
    void run() throws Exception;
  }

  @Test
  void uploadFilterInspectAndAnalyse() throws Exception {
    try (TestServer s = TestServer.start(tmp.resolve("data"), "sqlite")) {
      shootOnFailure("ui", () -> flow(s));
    }
  }

  private void flow(TestServer s) throws Exception {
    Browser b = browser;
    b.get(s.uri("/").toString());
    b.awaitElement("#drop");
    // upload through the file picker
    WebElement input = b.find("#upload-input");
    b.js("arguments[0].hidden = false", input);
    input.sendKeys(TestServer.sample("http.pcapng").toString());
    WebElement row = b.await(30, "capture ready in the list", d -> {
      List<WebElement> l = b.all("#captures tr.capture[data-state='ready']");
      return l.isEmpty() ? null : l.get(0);
    });
    JsonNode capture = s.get("/api/captures/" + row.getAttribute("data-id")).json();
    int packets = capture.get("packets").asInt();
    assertTrue(packets > 10, capture.toString());
    assertEquals(String.valueOf(packets), row.findElement(org.openqa.selenium.By.cssSelector(".packets")).getText());
    b.shot("01-capture-list");

    row.click();
    b.awaitElement("#pl-rows .row[data-no='1']");
    // rows carry the coloring rules' colours from the server
    JsonNode first = s.get("/api/captures/" + capture.get("id").asLong() + "/packets?limit=50").json();
    for (JsonNode r : first.get("rows")) {
      List<WebElement> shown = b.all("#pl-rows .row[data-no='" + r.get("no").asInt() + "']");
      if (!shown.isEmpty() && !r.get("bg").isNull()) {
        assertEquals(rgb(r.get("bg").asText()), shown.get(0).getCssValue("background-color"), "row " + r);
        assertEquals(rgb(r.get("fg").asText()), shown.get(0).getCssValue("color"), "row " + r);
      }
    }
    b.shot("02-packet-list");

    // filter bar: red for a bad filter (with the column), green for a good one, completion of field names
    WebElement filter = b.find("#filter");
    filter.sendKeys("ip.src ==");
    b.await(5, "filter turns red", d -> filter.getAttribute("class").contains("bad"));
    assertTrue(b.find("#filter-msg").getText().contains("column"), b.find("#filter-msg").getText());
    b.shot("03-filter-bad");
    filter.clear();
    filter.sendKeys("http.req");
    WebElement completion = b.awaitElement("#completions li[data-name='http.request']");
    assertNotNull(completion);
    b.shot("04-completion");
    filter.sendKeys(Keys.ESCAPE);
    filter.sendKeys("uest");
    b.await(5, "filter turns green", d -> filter.getAttribute("class").contains("ok"));
    b.shot("05-filter-good");
    filter.sendKeys(Keys.ENTER);
    long requests = s.get("/api/captures/" + capture.get("id").asLong() + "/packets?limit=1&filter="
        + TestServer.enc("http.request")).json().get("total").asLong();
    assertTrue(requests > 0);
    b.await(10, "status counts the " + requests + " requests",
        d -> b.find("#status").getText().startsWith(requests + " packets match"));
    b.await(10, "list shows the requests", d -> !b.all("#pl-rows .row:not(.loading)").isEmpty()
        && b.all("#pl-rows .row").size() <= requests);
    for (WebElement r : b.all("#pl-rows .row")) {
      assertEquals("HTTP", r.findElement(org.openqa.selenium.By.cssSelector(".proto")).getText());
    }

    // click a request: the tree shows its layers; selecting ip.src highlights its 4 bytes
    WebElement req = b.find("#pl-rows .row");
    String src = req.findElements(org.openqa.selenium.By.cssSelector("span")).get(2).getText();
    req.click();
    b.awaitElement("#tree .node[data-name='http']");
    List<String> layers = new ArrayList<>();
    for (WebElement n : b.all("#tree > ul > li.node")) {
      layers.add(n.getAttribute("data-name"));
    }
    assertTrue(layers.containsAll(List.of("frame", "eth", "ip", "tcp", "http")), layers.toString());
    WebElement ip = b.find("#tree > ul > li.node[data-name='ip'] > .label");
    new Actions(b.driver).doubleClick(ip).perform();
    WebElement ipSrc = b.awaitElement("#tree li.node[data-name='ip.src'] > .label");
    ipSrc.click();
    List<WebElement> hl = b.all("#hex .b.hl");
    StringBuilder hex = new StringBuilder();
    for (WebElement h : hl) {
      hex.append(h.getText());
    }
    assertEquals(hexOf(src), hex.toString(), "highlighted bytes of ip.src " + src);
    assertEquals(4, b.all("#hex .a.hl").size());
    // collapse again
    new Actions(b.driver).doubleClick(ip).perform();
    assertFalse(ipSrc.isDisplayed());
    b.shot("06-tree-hex");

    // keyboard: down moves the selection to the next row and shows its tree
    b.find("#packet-list").sendKeys(Keys.ARROW_DOWN);
    if (requests > 1) {
      String second = b.all("#pl-rows .row").get(1).getAttribute("data-no");
      b.await(5, "second row selected", d -> second.equals(b.find("#tree").getAttribute("data-no")));
    }
    List<WebElement> shownRequests = b.all("#pl-rows .row");
    WebElement lastReq = shownRequests.get(shownRequests.size() - 1);
    String lastNo = lastReq.getAttribute("data-no");
    String requestLine = lastReq.findElement(org.openqa.selenium.By.cssSelector(".info")).getText().trim();
    lastReq.click();
    b.await(5, "tree of packet " + lastNo, d -> lastNo.equals(b.find("#tree").getAttribute("data-no")));
    String stream = b.find("#tree .node[data-name='tcp.stream']").getAttribute("data-value");

    // follow the TCP stream of the selected request: both directions, coloured apart
    b.find("#open-follow").click();
    b.awaitElement("#follow pre");
    assertEquals("Follow TCP stream " + stream, b.find("#dialog-title").getText());
    String client = String.join("", b.all("#follow pre .c").stream().map(WebElement::getText).toList());
    String server = String.join("", b.all("#follow pre .s").stream().map(WebElement::getText).toList());
    assertTrue(client.contains(requestLine), requestLine + " in " + client);
    assertTrue(server.startsWith("HTTP/1."), server);
    assertFalse(b.find("#follow pre .c").getCssValue("color").equals(b.find("#follow pre .s").getCssValue("color")));
    b.shot("07-follow");
    b.find("#dialog-close").click();

    // I/O graph: one polyline per series (all packets, and the applied filter)
    b.find("#open-io").click();
    b.await(10, "two series", d -> b.all("#io svg polyline.series").size() == 2);
    // the capture lasts a fraction of a second: the interval chosen gives more than one point
    for (WebElement p : b.all("#io svg polyline.series")) {
      assertTrue(p.getAttribute("points").split(" ").length > 1, p.getAttribute("points"));
    }
    b.shot("08-io-graph");
    b.find("#dialog-close").click();

    // protocol hierarchy without a filter: the root counts every packet
    filter.clear();
    filter.sendKeys(Keys.ENTER);
    b.await(10, "all packets again", d -> b.find("#status").getText().startsWith(packets + " packets"));
    b.find("#open-phs").click();
    WebElement root = b.awaitElement("#phs tr[data-proto='frame'] .frames");
    assertEquals(String.valueOf(packets), root.getText());
    assertFalse(b.all("#phs tr[data-proto='http']").isEmpty());
    b.shot("09-phs");
    b.find("#dialog-close").click();

    // sorting by length, descending on the second click
    WebElement lenHead = b.find(".plhead span[data-sort='len']");
    lenHead.click();
    lenHead.click();
    b.await(10, "sorted descending", d -> lenHead.getAttribute("class").contains("desc"));
    b.await(10, "rows sorted", d -> {
      List<Integer> lens = new ArrayList<>();
      for (WebElement r : b.all("#pl-rows .row:not(.loading)")) {
        lens.add(Integer.parseInt(r.findElements(org.openqa.selenium.By.cssSelector("span")).get(5).getText()));
      }
      for (int i = 1; i < lens.size(); i++) {
        if (lens.get(i - 1) < lens.get(i)) {
          return false;
        }
      }
      return lens.size() > 5;
    });
    b.shot("10-sorted");

    // download of the (unfiltered) packets through a Blob URL
    b.find("#download").click();
    b.await(10, "download done", d -> b.find("#status").getText().matches("downloaded \\d+ bytes"));
  }

  @Test
  void tokenFromTheUrlIsSentOnEveryCall() throws Exception {
    TestServer s = new TestServer(tmp.resolve("data"), null, "s3cret-token", 0);
    try (s) {
      shootOnFailure("token", () -> {
        Browser b = browser;
        b.get(s.uri("/").toString());
        b.js("sessionStorage.clear(); location.reload()");
        b.await(10, "unauthorized message", d -> b.find("#status").getText().contains("unauthorized"));
        assertTrue(b.all("#captures tr.capture").isEmpty());
        b.shot("11-token-missing");

        b.get(s.uri("/?token=s3cret-token").toString());
        b.awaitElement("#drop");
        assertFalse(b.driver.getCurrentUrl().contains("token"), "token dropped from the address bar");
        // drag and drop: the drop event the browser fires for a dropped file, with the upload's token
        byte[] pcap = java.nio.file.Files.readAllBytes(TestServer.sample("tcp-handshake.pcapng"));
        b.js("const bytes = Uint8Array.from(atob(arguments[0]), c => c.charCodeAt(0));"
            + "const dt = new DataTransfer(); dt.items.add(new File([bytes], 'dropped.pcapng'));"
            + "document.getElementById('drop').dispatchEvent(new DragEvent('drop', {dataTransfer: dt, bubbles: true, cancelable: true}));",
            java.util.Base64.getEncoder().encodeToString(pcap));
        WebElement row = b.await(30, "dropped capture ready", d -> {
          List<WebElement> l = b.all("#captures tr.capture[data-state='ready'][data-name='dropped.pcapng']");
          return l.isEmpty() ? null : l.get(0);
        });
        JsonNode c = s.get("/api/captures/" + row.getAttribute("data-id")).json();
        assertEquals("dropped.pcapng", c.get("name").asText());
        assertEquals(pcap.length, c.get("size").asInt());
        row.click();
        b.awaitElement("#pl-rows .row[data-no='1']").click();
        b.awaitElement("#tree .node[data-name='tcp']");
        b.shot("12-token-ok");
      });
    }
  }

  @Test
  void largeCaptureScrollsFast() throws Exception {
    long w0 = System.nanoTime();
    Path big = LargeCaptureTest.write(tmp.resolve("big.pcapng"), LARGE);
    long written = (System.nanoTime() - w0) / 1_000_000;
    try (TestServer s = TestServer.start(tmp.resolve("data"), "sqlite")) {
      w0 = System.nanoTime();
      JsonNode c = s.uploadReady(big);
      System.out.printf("WebUiTest: %d packets written in %d ms, uploaded and indexed in %d ms%n",
          LARGE, written, (System.nanoTime() - w0) / 1_000_000);
      assertEquals(LARGE, c.get("packets").asInt());
      shootOnFailure("large", () -> {
        Browser b = browser;
        b.get(s.uri("/#capture=" + c.get("id").asLong()).toString());
        b.awaitElement("#pl-rows .row[data-no='1']").click();
        WebElement list = b.find("#packet-list");

        // End, timed in the page from the key to the last row drawn (WebDriver's round trips left out)
        long end = ((Number) b.driver.executeAsyncScript(
            "const done = arguments[arguments.length - 1], t0 = performance.now();"
            + "document.getElementById('packet-list').dispatchEvent(new KeyboardEvent('keydown', {key: 'End', bubbles: true}));"
            + "(function poll() {"
            + "  if (document.querySelector(\"#pl-rows .row:not(.loading)[data-no='" + LARGE + "']\")) done(performance.now() - t0);"
            + "  else if (performance.now() - t0 > 10000) done(-1); else setTimeout(poll, 5);"
            + "})();")).longValue();
        assertTrue(end >= 0 && end < 1000, "last packet shown in " + end + " ms");
        long t0;
        // the server dissects every packet before the one asked for, so the last one's tree takes a while
        t0 = System.nanoTime();
        b.await(90, "last packet's tree", d -> String.valueOf(LARGE).equals(b.find("#tree").getAttribute("data-no")));
        long tree = (System.nanoTime() - t0) / 1_000_000;
        b.shot("13-large-end");

        // scroll up in big jumps and small steps: each view is filled within a second
        long worst = 0;
        for (double frac : new double[] {0.75, 0.5, 0.5003, 0.25, 0.1}) {
          t0 = System.nanoTime();
          b.js("const s = document.getElementById('pl-scroll'); s.scrollTop = (s.scrollHeight - s.clientHeight) * arguments[0];", frac);
          // read in the page, in one go: the rows are replaced as pages arrive
          // the scroll handler runs after this call returns, so the previous view's rows can still
          // be there for a moment: wait for rows of the new position, all loaded
          Object first = b.await(1.0, "rows at " + frac + " filled within a second", d -> b.js(
              "const r = document.querySelectorAll('#pl-rows .row');"
              + "if (!r.length || document.querySelector('#pl-rows .row.loading')) return null;"
              + "return Math.abs(r[0].dataset.no - arguments[0]) < 200 ? r[0].dataset.no : null;", frac * LARGE));
          worst = Math.max(worst, (System.nanoTime() - t0) / 1_000_000);
          int no = Integer.parseInt(first.toString());
          assertTrue(Math.abs(no - frac * LARGE) < 200, "first row " + no + " at " + frac);
        }
        // keyboard steps from there
        // rows are re-rendered as pages arrive: click through the page, not a possibly stale handle
        b.js("document.querySelector('#pl-rows .row').click(); document.getElementById('packet-list').focus()");
        t0 = System.nanoTime();
        CharSequence[] keys = new CharSequence[31];
        java.util.Arrays.fill(keys, Keys.ARROW_UP);
        keys[30] = Keys.PAGE_UP;
        list.sendKeys(keys); // one WebDriver command: the time is the page's, not the driver's round trips
        b.await(1.0, "after keys, rows filled", d -> b.all("#pl-rows .row.loading").isEmpty());
        long keyMs = (System.nanoTime() - t0) / 1_000_000;
        b.shot("14-large-scrolled");
        System.out.printf("WebUiTest: %d packets: End shown in %d ms (its tree %d ms later), worst scroll %d ms,"
            + " 31 keys %d ms%n", LARGE, end, tree, worst, keyMs);
      });
    }
  }

  /** "#rrggbb" as the computed style Chromium reports. */
  static String rgb(String hex) {
    int v = Integer.parseInt(hex.substring(1), 16);
    return "rgba(" + (v >> 16) + ", " + ((v >> 8) & 255) + ", " + (v & 255) + ", 1)";
  }

  static String hexOf(String dotted) {
    Matcher m = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)\\.(\\d+)").matcher(dotted);
    assertTrue(m.matches(), dotted);
    StringBuilder sb = new StringBuilder();
    for (int i = 1; i <= 4; i++) {
      sb.append(String.format("%02x", Integer.parseInt(m.group(i))));
    }
    return sb.toString();
  }
}
