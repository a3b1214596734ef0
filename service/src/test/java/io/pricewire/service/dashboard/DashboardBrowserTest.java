package io.pricewire.service.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.runtime.server.EmbeddedServer;
import io.pricewire.core.exchange.ExchangeId;
import io.pricewire.service.push.PushHub;
import io.pricewire.service.support.Http;
import io.pricewire.service.support.TestStack;
import io.pricewire.sim.ExchangeSim;
import io.pricewire.sim.Fault;
import io.pricewire.sim.SimConfig;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.remote.http.ClientConfig;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard in a real browser — Debian's headless Chromium through its chromium-driver — against a real service
 * with the exchange streams on, Redis, dynalite and an exchange simulator of the class's own (its faults reach no other
 * class; no rate limits, so the warm-up takes no time). One page load walks through what a person sees: the hot rows
 * fill in and move live, the tier filter and search, an asset's detail view with its chart, an exchange fault showing
 * in the health panel, the stream ending and the page reconnecting by itself — and no error in the console throughout
 * (a Content-Security-Policy violation would be one). It saves the README's screenshots at desktop and phone widths.
 *
 * <p>Chromium missing is a failure that names the packages, never a skip: a skipped browser test proves nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserTest {
    /** The production hot interval: a hot price must move on the page within it. */
    private static final Duration HOT_INTERVAL = Duration.ofSeconds(5);

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final Path SCREENSHOTS = Path.of("..", "docs", "img");

    private static final Logger LOG = LoggerFactory.getLogger(DashboardBrowserTest.class);

    private ExchangeSim sim;
    private EmbeddedServer server;
    private ChromeDriver browser;
    private final List<LogEntry> console = new ArrayList<>();

    @BeforeAll
    void start() throws IOException {
        File chromium = onPath("chromium");
        File driver = onPath("chromedriver");
        sim = ExchangeSim.start(SimConfig.defaults().withEphemeralPorts().withRateLimitsEnforced(false));
        Map<String, String> p = TestStack.properties(TestStack.FIXED_TIERS);
        for (ExchangeId e : ExchangeId.values()) {
            p.put("pricewire.exchanges." + e.label(), sim.baseUri(e).toString());
        }
        p.put("pricewire.streams.enabled", "true");
        server = TestStack.start(p);
        new Http(server.getURI()).awaitReady();

        ChromeOptions options = new ChromeOptions()
                .setBinary(chromium)
                // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start
                .addArguments(
                        "--headless=new",
                        "--no-sandbox",
                        "--disable-dev-shm-usage",
                        "--hide-scrollbars",
                        "--window-size=1280,900");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        // the driver named outright: Selenium Manager would otherwise try to download one
        // a command the browser never answers fails the test in 30 s rather than hanging the build
        browser = new ChromeDriver(
                new ChromeDriverService.Builder().usingDriverExecutable(driver).build(),
                options,
                ClientConfig.defaultConfig().readTimeout(Duration.ofSeconds(30)));
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(10)).pageLoadTimeout(Duration.ofSeconds(20));
        browser.get(server.getURI().resolve("/").toString());
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
        if (sim != null) {
            sim.close();
        }
    }

    @Test
    @Order(1)
    void shouldFillTheHotRowsAndMoveAHotPriceLive() throws IOException {
        waitUntil("the hot rows priced", () -> {
            List<String> hot = new ArrayList<>();
            List<String> tiers = visible("tier");
            List<String> prices = visible("price");
            for (int i = 0; i < tiers.size(); i++) {
                if (tiers.get(i).equals("hot")) {
                    hot.add(prices.get(i));
                }
            }
            return hot.size() >= 10 && !hot.contains("–");
        });
        waitUntil("the stream connected", () -> "live".equals(connection()));
        double firstPrice = ((Number)
                        browser.executeScript("return performance.getEntriesByName('first-price')[0].startTime"))
                .doubleValue();
        assertThat(firstPrice).as("ms from navigation to the first priced row").isPositive();
        // the figures: the time to the first row, and the frame rate while the 200 rows update
        Map<?, ?> frames = (Map<?, ?>)
                browser.executeAsyncScript("const done = arguments[arguments.length - 1]; let frames = 0, updates = 0;"
                        + "const seen = new MutationObserver(m => updates += m.length);"
                        + "seen.observe(document.querySelector('#prices tbody'), {childList: true, subtree: true});"
                        + "const t0 = performance.now();"
                        + "(function frame() { frames++; if (performance.now() - t0 < 2000) requestAnimationFrame(frame);"
                        + " else { seen.disconnect(); const s = (performance.now() - t0) / 1000;"
                        + " done({fps: frames / s, updates: updates / s}); } })();");
        LOG.info(
                "first priced row {} ms after navigation; {} frames/s while {} cells/s changed",
                Math.round(firstPrice),
                Math.round(((Number) frames.get("fps")).doubleValue()),
                Math.round(((Number) frames.get("updates")).doubleValue()));
        String before = cell(row("BTC"), "price");
        waitUntil(
                "BTC's price moved within the hot interval",
                HOT_INTERVAL,
                () -> !cell(row("BTC"), "price").equals(before));
        assertThat(cell(row("BTC"), "status")).isIn("ok", "degraded");
        assertThat(Integer.parseInt(cell(row("BTC"), "sources"))).isBetween(1, 4);
        waitUntil(
                "the health panel filled",
                () -> browser.findElements(By.cssSelector("#exchanges tbody tr"))
                                .size()
                        == 4);

        Files.createDirectories(SCREENSHOTS);
        screenshot("dashboard-desktop.png");
        browser.manage().window().setSize(new Dimension(390, 844));
        screenshot("dashboard-phone.png");
        browser.manage().window().setSize(new Dimension(1280, 900));
    }

    @Test
    @Order(2)
    void shouldFilterByTierAndSearch() {
        new Select(browser.findElement(By.id("tier"))).selectByValue("medium");
        List<String> medium = visible("tier");
        assertThat(medium).isNotEmpty().containsOnly("medium");

        new Select(browser.findElement(By.id("tier"))).selectByValue("");
        WebElement search = browser.findElement(By.id("search"));
        search.sendKeys("bitcoin");
        assertThat(visible("symbol")).contains("BTC");
        assertThat(visible("name"))
                .allSatisfy(name -> assertThat(name.toLowerCase()).contains("bitcoin"));
        search.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        assertThat(visible("symbol")).hasSizeGreaterThan(medium.size()).contains("BTC", "ETH");
    }

    @Test
    @Order(3)
    void shouldOpenAnAssetsDetailWithItsChartQuotesAndRawJson() throws IOException {
        WebElement open = row("ETH").findElement(By.cssSelector("button.sym"));
        open.sendKeys(Keys.ENTER); // by keyboard
        WebElement dialog = browser.findElement(By.id("detail"));
        waitUntil("the detail view open", dialog::isDisplayed);
        // one call per check: the chart is redrawn with every price of the asset
        waitUntil(
                "the chart drawn with its data points",
                () -> (Boolean) browser.executeScript("const svg = document.querySelector('#chart svg');"
                        + "return !!svg && Number(svg.dataset.points) >= 2 && svg.querySelectorAll('circle').length >= 2"
                        + " && svg.querySelector('path.line').getAttribute('d').length > 10"));
        // this service keeps history: the chart starts from /v1/prices/ETH/history (the page reads that it exists from
        // /openapi.yml) and the live prices follow it; the sparklines ask for the same endpoint
        assertThat(browser.findElement(By.id("chart-note")).getText())
                .matches("\\d+ points")
                .doesNotContain("no history");
        assertThat((Boolean) browser.executeScript("return performance.getEntriesByType('resource')"
                        + ".some((e) => e.name.includes('/v1/prices/ETH/history?interval='))"))
                .as("the detail chart asked the history endpoint")
                .isTrue();
        waitUntil(
                "each exchange's quote listed",
                () -> dialog.findElements(By.cssSelector("#quotes tbody tr")).size() >= 2);
        assertThat(dialog.findElement(By.id("raw")).getText()).contains("\"symbol\": \"ETH\"", "\"sources\"");
        screenshot("dashboard-detail.png");
        dialog.sendKeys(Keys.ESCAPE);
        waitUntil("the detail view closed", () -> !dialog.isDisplayed());
    }

    @Test
    @Order(4)
    void shouldShowAnExchangesFaultInTheHealthPanel() {
        waitUntil("Coinbase healthy first", () -> exchange("coinbase").equals("closed contributing"));
        sim.setFault(ExchangeId.COINBASE, Fault.down());
        try {
            waitUntil(
                    "Coinbase's fault on the page", () -> !exchange("coinbase").equals("closed contributing"));
            assertThat(exchange("coinbase")).containsAnyOf("open", "down", "connected");
            assertThat(exchange("binance")).isEqualTo("closed contributing");
        } finally {
            sim.clearFault(ExchangeId.COINBASE);
        }
    }

    @Test
    @Order(5)
    void shouldShowReconnectingWhenTheStreamEndsAndThenRecover() {
        waitUntil("the stream live", () -> "live".equals(connection()));
        // every state the indicator passes through, however briefly
        browser.executeScript("window.connStates = [];"
                + "new MutationObserver(() => window.connStates.push(document.querySelector('#conn').dataset.state))"
                + ".observe(document.querySelector('#conn'), {attributes: true});");
        // what a deploy does: every stream gets `event: reconnect` and is closed
        server.getApplicationContext().getBean(PushHub.class).shutdownGracefully();
        waitUntil("the page reconnecting, then live again", () -> {
            Object states = browser.executeScript("return window.connStates.join(',')");
            return String.valueOf(states).contains("reconnecting") && "live".equals(connection());
        });
        String before = cell(row("BTC"), "price");
        waitUntil(
                "prices moving again",
                HOT_INTERVAL,
                () -> !cell(row("BTC"), "price").equals(before));
    }

    /**
     * WCAG 2.1 AA (1.4.3): every visible text against the background it is drawn on, at least 4.5:1, or 3:1 for large
     * text (24 px, or 18.66 px bold). Measured in one synchronous script with the running flashes finished, so a price
     * arriving meanwhile cannot change what is measured; the backgrounds of translucent layers are blended.
     */
    @Test
    @Order(6)
    void shouldDrawEveryTextAtWcagAaContrast() {
        @SuppressWarnings("unchecked")
        List<String> failures = (List<String>) browser.executeScript(CONTRAST_CHECK);
        Number checked = (Number) browser.executeScript("return window.__contrastChecked");
        row("BTC").findElement(By.cssSelector("button.sym")).click();
        waitUntil(
                "the detail view open",
                () -> browser.findElement(By.id("detail")).isDisplayed());
        @SuppressWarnings("unchecked")
        List<String> detail = (List<String>) browser.executeScript(CONTRAST_CHECK);
        Number checkedInDetail = (Number) browser.executeScript("return window.__contrastChecked");
        browser.findElement(By.id("detail")).sendKeys(Keys.ESCAPE);
        waitUntil(
                "the detail view closed",
                () -> !browser.findElement(By.id("detail")).isDisplayed());
        assertThat(failures).as("texts under AA contrast on the page").isEmpty();
        assertThat(detail).as("texts under AA contrast in the detail view").isEmpty();
        assertThat(checked.intValue()).as("texts measured on the page").isGreaterThan(200);
        assertThat(checkedInDetail.intValue())
                .as("texts measured in the detail view")
                .isGreaterThan(10);
    }

    /** From the tier filter on, Tab alone reaches the search and then each visible symbol's button, with a focus ring. */
    @Test
    @Order(7)
    void shouldReachEveryControlByKeyboard() {
        browser.executeScript("document.getElementById('tier').focus()");
        List<String> reached = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            new org.openqa.selenium.interactions.Actions(browser)
                    .sendKeys(Keys.TAB)
                    .perform();
            reached.add(String.valueOf(browser.executeScript(
                    "const e = document.activeElement; return e.id || (e.closest('tr') && e.closest('tr').dataset.symbol)"
                            + " || e.tagName")));
        }
        assertThat(reached).as("the stops of Tab after the tier filter").startsWith("search", "BTC", "ETH");
        Boolean focusVisible = (Boolean) browser.executeScript("const s = getComputedStyle(document.activeElement);"
                + "return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;");
        assertThat(focusVisible)
                .as("a visible focus ring on %s", reached.get(reached.size() - 1))
                .isTrue();
    }

    private static final String CONTRAST_CHECK = """
            document.getAnimations().forEach((a) => { try { a.finish(); } catch (e) { a.cancel(); } });
            const rgba = (c) => { const m = c.match(/[\\d.]+/g).map(Number); return [m[0], m[1], m[2], m.length > 3 ? m[3] : 1]; };
            const over = (top, below) => top.slice(0, 3).map((v, i) => v * top[3] + below[i] * (1 - top[3])).concat(1);
            const background = (el) => {
              const layers = [];
              for (let e = el; e; e = e.parentElement) {
                const c = rgba(getComputedStyle(e).backgroundColor);
                if (c[3] > 0) layers.push(c);
                if (c[3] >= 1) break;
              }
              let bg = [255, 255, 255, 1];
              for (let i = layers.length - 1; i >= 0; i--) bg = over(layers[i], bg);
              return bg;
            };
            const lum = (c) => { const l = c.slice(0, 3).map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
              return 0.2126 * l[0] + 0.7152 * l[1] + 0.0722 * l[2]; };
            const failures = []; let checked = 0;
            const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
            for (let n = walker.nextNode(); n; n = walker.nextNode()) {
              const el = n.parentElement;
              if (!n.textContent.trim() || !el || el.closest('svg') || !el.getClientRects().length) continue;
              if (el.closest('[hidden]') || (el.closest('dialog') && !el.closest('dialog').open)) continue;
              if (document.querySelector('dialog[open]') && !el.closest('dialog[open]')) continue; // behind the modal
              const s = getComputedStyle(el);
              if (s.visibility !== 'visible' || parseFloat(s.opacity) === 0) continue;
              const bg = background(el), fg = over(rgba(s.color), bg);
              const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
              const ratio = (a + 0.05) / (b + 0.05);
              const size = parseFloat(s.fontSize), bold = parseInt(s.fontWeight, 10) >= 700;
              const needed = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
              checked++;
              if (ratio < needed) failures.push(`"${n.textContent.trim().slice(0, 30)}" (${el.tagName}.${el.className}) ${ratio.toFixed(2)}:1 < ${needed}:1: ${s.color} on rgb(${bg.slice(0, 3).map(Math.round)})`);
            }
            window.__contrastChecked = checked;
            return failures;
            """;

    @Test
    @Order(8)
    void shouldLogNoErrorInTheBrowsersConsole() {
        collectConsole();
        assertThat(console)
                .as("console errors (a CSP violation, a failed request, an exception)")
                .noneMatch(e -> e.getLevel().intValue() >= Level.WARNING.intValue());
    }

    private void collectConsole() {
        browser.manage().logs().get(LogType.BROWSER).forEach(console::add);
    }

    private void screenshot(String name) throws IOException {
        Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

    private String connection() {
        return browser.findElement(By.id("conn")).getAttribute("data-state");
    }

    /** The exchange's circuit and stream as shown, read in one call: the panel is redrawn every 2 s. */
    private String exchange(String name) {
        return String.valueOf(browser.executeScript(
                "return [...document.querySelectorAll('#exchanges tr[data-exchange=\"' + arguments[0] + '\"] td')]"
                        + ".map(td => td.textContent).join(' ')",
                name));
    }

    /** One column of the rows shown, read in one call (a call per cell takes seconds for 200 rows). */
    @SuppressWarnings("unchecked")
    private List<String> visible(String column) {
        return (List<String>) browser.executeScript(
                "return [...document.querySelectorAll('#prices tbody tr:not([hidden]) td[data-col=\"' + arguments[0]"
                        + " + '\"]')].map(td => td.textContent)",
                column);
    }

    private WebElement row(String symbol) {
        return browser.findElement(By.cssSelector("#prices tbody tr[data-symbol='" + symbol + "']"));
    }

    private static String cell(WebElement row, String column) {
        return row.findElement(By.cssSelector("td[data-col='" + column + "']")).getText();
    }

    private void waitUntil(String what, BooleanSupplier condition) {
        waitUntil(what, WAIT, condition);
    }

    private void waitUntil(String what, Duration limit, BooleanSupplier condition) {
        new WebDriverWait(browser, limit, Duration.ofMillis(100))
                .withMessage(what)
                .until(b -> condition.getAsBoolean());
    }

    /** The executable on PATH, or a failure that says how to install it. */
    private static File onPath(String name) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(dir -> new File(dir, name))
                .filter(File::canExecute)
                .findFirst()
                .orElseThrow(() -> new AssertionError(name + " is not installed: the dashboard's browser test needs "
                        + "Debian's chromium and chromium-driver (apt-get install -y chromium chromium-driver; "
                        + ".ci/run installs them)"));
    }
}
