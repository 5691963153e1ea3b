package io.wsboot.sample.chat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import io.wsboot.ConnectionRegistry;
import io.wsboot.test.WsTestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The chat page in real headless Chromium against the running sample: two browser
 * windows and a plain WebSocket client chat with each other. Needs Debian's
 * {@code chromium} and {@code chromium-driver} ({@code .ci/run} installs them); without
 * them the test is skipped, except under {@code CI=true}, where it fails.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ChatPageBrowserTests {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@LocalServerPort
	private int port;

	@Autowired
	private ConnectionRegistry registry;

	private final List<WebDriver> browsers = new ArrayList<>();

	@BeforeAll
	static void requireChromium() {
		boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
		String missing = "No headless Chromium: " + CHROMIUM + " and " + CHROMEDRIVER
				+ " are needed (apt-get install -y chromium chromium-driver)";
		if (!installed && "true".equals(System.getenv("CI"))) {
			fail(missing + "; under CI=true the browser test must run");
		}
		assumeTrue(installed, missing + "; skipping the browser test");
	}

	@AfterEach
	void quitBrowsers() {
		this.browsers.forEach(WebDriver::quit);
	}

	@Test
	void twoBrowserWindowsAndAPlainClientChatWithEachOther() throws Exception {
		WebDriver alice = open("alice");
		WebDriver bob = open("bob");
		try (WsTestClient plain = WsTestClient.connect("ws://localhost:" + this.port + "/chat").awaitOpen()) {
			await().atMost(TIMEOUT).untilAsserted(() -> assertThat(this.registry.count("chat")).isEqualTo(3));

			send(alice, "hello from alice");
			awaitLine(bob, "alice:", "hello from alice");
			awaitLine(alice, "alice:", "hello from alice");
			await().atMost(TIMEOUT)
				.untilAsserted(() -> assertThat(plain.texts())
					.contains("{\"name\":\"alice\",\"text\":\"hello from alice\"}"));

			send(bob, "hi alice");
			awaitLine(alice, "bob:", "hi alice");

			plain.send("{\"name\":\"carol\",\"text\":\"from a plain client\"}");
			awaitLine(alice, "carol:", "from a plain client");
			awaitLine(bob, "carol:", "from a plain client");
		}
		// the favicon is served: no 404, nor any other error, in either console
		for (WebDriver browser : List.of(alice, bob)) {
			List<LogEntry> errors = browser.manage()
				.logs()
				.get(LogType.BROWSER)
				.getAll()
				.stream()
				.filter((entry) -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
				.toList();
			assertThat(errors).as("console errors").isEmpty();
		}
	}

	@Test
	void picksANameUntilTheUserWritesOne() {
		WebDriver browser = browser();
		browser.get("http://localhost:" + this.port + "/");
		awaitOpen(browser);
		assertThat(browser.findElement(By.id("name")).getDomProperty("value")).matches("guest-\\d{4}");
		assertThat(browser.findElement(By.cssSelector("link[rel=icon]")).getDomAttribute("href"))
			.isEqualTo("favicon.svg");
	}

	private WebDriver open(String name) {
		WebDriver browser = browser();
		browser.get("http://localhost:" + this.port + "/");
		awaitOpen(browser);
		WebElement field = browser.findElement(By.id("name"));
		// select the picked name and type over it (clear() would fire a change with no name)
		field.sendKeys(Keys.chord(Keys.CONTROL, "a"), name, Keys.TAB);
		await().atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(field.getDomProperty("value")).isEqualTo(name));
		return browser;
	}

	private void awaitOpen(WebDriver browser) {
		await().atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(browser.findElement(By.id("status")).getDomAttribute("class"))
				.isEqualTo("open"));
	}

	private static void send(WebDriver browser, String text) {
		WebElement message = browser.findElement(By.id("message"));
		message.sendKeys(text, Keys.ENTER);
	}

	private static void awaitLine(WebDriver browser, String name, String text) {
		await().atMost(TIMEOUT).untilAsserted(() -> assertThat(browser.findElements(By.cssSelector("#messages li")))
			.anySatisfy((line) -> {
				assertThat(line.findElement(By.className("name")).getText()).isEqualTo(name);
				assertThat(line.getText()).endsWith(text);
			}));
	}

	private WebDriver browser() {
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		// --no-sandbox: CI runs as root, where Chromium's sandbox cannot start
		options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1024,768");
		options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(new File(CHROMEDRIVER.toString()))
			.usingAnyFreePort()
			.build();
		WebDriver browser = new ChromeDriver(service, options);
		this.browsers.add(browser);
		return browser;
	}

}
